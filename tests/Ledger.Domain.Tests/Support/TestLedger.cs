using Decider = Ledger.Domain.Admission.Admission;

namespace Ledger.Domain.Tests.Support;

/// <summary>
/// A ledger in memory for tests: every fact is proposed through admission and, when admitted, recorded with the
/// next position, its stream's next version and the recording clock, which moves on a second per fact.
/// </summary>
public sealed class TestLedger(DateTimeOffset? now = null)
{
    private readonly List<RecordedFact> recorded = [];

    public LedgerKnowledge Known { get; private set; } = LedgerKnowledge.Empty;

    public IReadOnlyList<RecordedFact> Recorded => recorded;

    public DateTimeOffset Now { get; private set; } = now ?? Time.DefaultNow;

    public TestLedger RecordingAt(DateTimeOffset now)
    {
        Now = now;
        return this;
    }

    public TestLedger Given(params ILedgerFact[] facts)
    {
        foreach (var fact in facts)
        {
            if (Propose(fact) is Decision.Refused refused)
                throw new InvalidOperationException($"given fact {fact.FactId} was refused: {refused.Violation}");
        }

        return this;
    }

    public Decision Propose(ILedgerFact fact, long? expectedVersion = null)
    {
        var decision = Decider.Decide(Known, fact, Now, expectedVersion);
        if (decision is Decision.Admitted admitted)
            Append(admitted.Fact);
        return decision;
    }

    public Violation Refuses(ILedgerFact fact, long? expectedVersion = null) =>
        Propose(fact, expectedVersion).ShouldBeOfType<Decision.Refused>($"{fact.FactId} should have been refused").Violation;

    public ILedgerFact Admits(ILedgerFact fact, long? expectedVersion = null) => Propose(fact, expectedVersion) switch
    {
        Decision.Admitted admitted => admitted.Fact,
        Decision.Refused refused => throw new ShouldAssertException($"{fact.FactId} should have been admitted but was refused: {refused.Violation}"),
        var other => throw new ShouldAssertException($"unexpected decision {other}"),
    };

    public RecordedFact RecordOf(string factId) => recorded.Single(r => r.Fact.FactId == factId);

    public LedgerKnowledge KnownAt(long position) => LedgerKnowledge.Fold(recorded.Where(r => r.Position <= position));

    public Verdict Evaluate(string modelId, string organizationId, PersonClass personClass, DateTimeOffset at) =>
        AccessSemantics.Evaluate(Known, modelId, organizationId, personClass, at);

    public AccessCell Cell(string modelId, string organizationId, PersonClass personClass, DateTimeOffset at) =>
        AccessMatrix.Cell(Known, modelId, organizationId, personClass, at);

    private void Append(ILedgerFact fact)
    {
        var stream = Decider.StreamOf(Known, fact);
        var record = new RecordedFact(fact, Known.Position + 1, Known.VersionOf(stream) + 1, Now, "test");
        recorded.Add(record);
        Known = Known.Evolve(record);
        Now = Now.AddSeconds(1);
    }
}
