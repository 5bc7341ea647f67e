using Ledger.Domain.Admission;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Benchmarks;

/// <summary>
/// A synthetic but lawful history: every fact passes the ledger's own admission rules before it is kept, so the
/// benchmark measures histories the service could really hold. The mix is operational: mostly suspensions and
/// restorations of named organisations, vettings under easings, a few directives, amendments, rescissions,
/// backdated facts and corrections. Deterministic for a seed.
/// </summary>
public sealed class HistoryGenerator(int seed, int models = 20, int organizations = 200)
{
    private static readonly DateTimeOffset Start = new(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(3650);
    private readonly Random _random = new(seed);
    private readonly List<string> _easings = [];
    private readonly List<string> _approvedVettings = [];
    private readonly List<string> _directives = [];

    public DateTimeOffset From => Start;

    public DateTimeOffset To => Start + Span;

    public IReadOnlyList<string> Models { get; } = Enumerable.Range(1, models).Select(i => $"model-{i:D2}").ToList();

    public IReadOnlyList<string> Organizations { get; } = Enumerable.Range(1, organizations).Select(i => $"org-{i:D4}").ToList();

    public IEnumerable<RecordedFact> Generate(int count)
    {
        var known = LedgerKnowledge.Empty;
        var now = DateTimeOffset.UtcNow;
        var position = 0L;
        var attempts = 0;
        while (position < count && attempts < count * 4)
        {
            attempts++;
            var effective = Start + Span * ((double)position / count);
            var fact = Propose(known, position, count, effective);
            if (Admission.Decide(known, fact, now) is not Decision.Admitted { Fact: var admitted })
                continue;
            var recorded = new RecordedFact(admitted, ++position, known.VersionOf(admitted.StreamId) + 1, now, "bench");
            known = known.Evolve(recorded);
            Remember(admitted);
            yield return recorded;
        }
    }

    private ILedgerFact Propose(LedgerKnowledge known, long position, int count, DateTimeOffset effective)
    {
        if (position < Models.Count)
            return new ModelRegistered(Models[(int)position], $"Model {position + 1}");
        if (position < Models.Count + Organizations.Count)
        {
            var index = (int)position - Models.Count;
            return new OrganizationRegistered(Organizations[index], $"Organisation {index + 1}", "US", true,
                [CriticalInfrastructureSector.All.ElementAt(index % 16)], IsAddressee: index == 0);
        }

        var id = $"F-{position:D8}";
        var backdated = _random.NextDouble() < 0.02 ? effective - TimeSpan.FromDays(_random.Next(1, 30)) : effective;

        // Government acts are rare whatever the length of the history: about 20 directives, each followed by
        // easings, an amendment and a partial rescission. Operational facts make up the rest.
        var period = Math.Max(count / 20, 100);
        var slot = position % period;
        if (slot == 0)
            return Directive(id, backdated);
        if (_directives.Count > 0 && (slot == period / 8 || slot == period / 4))
            return Easing(known, id, backdated);
        if (_directives.Count > 0 && slot == period / 2)
            return Amendment(known, id, backdated);
        if (_directives.Count > 0 && slot == 3 * period / 4)
            return Rescission(known, id, backdated);

        return _random.NextDouble() switch
        {
            < 0.10 when _easings.Count > 0 => Vetting(id, backdated),
            < 0.11 when _approvedVettings.Count > 0 => Revocation(known, backdated),
            < 0.111 => Correction(id),
            < 0.1115 => new AccessSuspended(id, Pick(Models), FactIds.Everyone, Classes(), backdated, "provider-wide pause"),
            < 0.55 => new AccessSuspended(id, Pick(Models), Pick(Organizations), Classes(), backdated, "operational suspension"),
            _ => new AccessRestored(id, Pick(Models), Pick(Organizations), Classes(), null, backdated),
        };
    }

    private DirectiveIssued Directive(string id, DateTimeOffset effective) =>
        new(id, $"Letter {id}", "BIS", ["15 CFR 744.22"], DirectiveKind.Letter, "email", null, false,
            new DirectiveScope(Models.OrderBy(_ => _random.Next()).Take(_random.Next(2, 6)).ToList(),
                _random.NextDouble() < 0.8 ? PersonScope.ForeignPersons : PersonScope.AllPersons, ["model-access"]),
            effective, effective, "UTC", [], [], null);

    private EasingGranted Easing(LedgerKnowledge known, string id, DateTimeOffset effective)
    {
        var directive = known.Find<DirectiveIssued>(Pick(_directives))!;
        var models = directive.Scope.Models.Take(_random.Next(1, directive.Scope.Models.Count + 1)).ToList();
        return new EasingGranted(directive.DirectiveId, id, models, true, _random.NextDouble() < 0.5, ["annex"], effective, effective, "UTC", []);
    }

    private DirectiveAmended Amendment(LedgerKnowledge known, string id, DateTimeOffset effective)
    {
        var directive = known.Find<DirectiveIssued>(Pick(_directives))!;
        var scope = directive.Scope with { Models = directive.Scope.Models.Append(Pick(Models)).Distinct().ToList() };
        return new DirectiveAmended(directive.DirectiveId, id, scope, effective, effective, "UTC", []);
    }

    private DirectiveRescinded Rescission(LedgerKnowledge known, string id, DateTimeOffset effective)
    {
        var directive = known.Find<DirectiveIssued>(Pick(_directives))!;
        return new DirectiveRescinded(directive.DirectiveId, id, [Pick(directive.Scope.Models.ToList())], effective, effective, "UTC", []);
    }

    private OrganizationVetted Vetting(string id, DateTimeOffset effective) =>
        new(Pick(Organizations), id, Pick(_easings), _random.NextDouble() < 0.85 ? VettingOutcome.Approved : VettingOutcome.Rejected,
            "compliance", ["annex"], effective, _random.NextDouble() < 0.3 ? effective + TimeSpan.FromDays(_random.Next(30, 400)) : null);

    private VettingRevoked Revocation(LedgerKnowledge known, DateTimeOffset effective)
    {
        var vetting = known.Find<OrganizationVetted>(Pick(_approvedVettings))!;
        return new VettingRevoked(vetting.OrganizationId, vetting.VettingId, effective > vetting.EffectiveAt ? effective : vetting.EffectiveAt, "review");
    }

    private CorrectionRecorded Correction(string id)
    {
        var target = Pick(Organizations);
        return new CorrectionRecorded(id, target, "", "name", System.Text.Json.JsonDocument.Parse($"\"Corrected {target}\"").RootElement, "typo");
    }

    private void Remember(ILedgerFact fact)
    {
        switch (fact)
        {
            case DirectiveIssued d:
                _directives.Add(d.DirectiveId);
                break;
            case EasingGranted e:
                _easings.Add(e.EasingId);
                break;
            case OrganizationVetted { Outcome: VettingOutcome.Approved } v:
                _approvedVettings.Add(v.VettingId);
                break;
        }
    }

    private IReadOnlyList<PersonClass> Classes() => _random.Next(3) switch
    {
        0 => [PersonClass.UsPerson],
        1 => [PersonClass.ForeignPerson],
        _ => [PersonClass.UsPerson, PersonClass.ForeignPerson],
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
