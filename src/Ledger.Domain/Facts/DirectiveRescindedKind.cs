using Ledger.Domain.Access;
using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>A rescission lifts a directive in force, for the models it names or for all; it is permanent (product.md 10.3).</summary>
public sealed class DirectiveRescindedKind : FactKind<DirectiveRescinded>
{
    public static readonly DirectiveRescindedKind Instance = new();

    public override string StoredName => "directive-rescinded.v1";
    public override string IdField => "rescissionId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "directiveId", "rescissionId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields { get; } = [ConfidentialText.Documents("documents")];

    protected override Violation? Shape(DirectiveRescinded fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("directiveId", fact.DirectiveId)
        ?? Fields.Id("rescissionId", fact.RescissionId)
        ?? (fact.Models is null ? null : Fields.Ids("models", fact.Models))
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Received(fact.ReceivedAt, fact.ReceivedTimeZone, now)
        ?? Fields.Documents("documents", fact.Documents);

    protected override Violation? Path(DirectiveRescinded fact, LedgerKnowledge known) => Requires.DirectiveRecorded(known, fact.DirectiveId);

    protected override Violation? Rules(DirectiveRescinded fact, LedgerKnowledge known)
    {
        var directive = DirectiveInForce.Of(known, fact.DirectiveId, fact.EffectiveAt);
        return Requires.InForce(directive)
               ?? (fact.Models is null ? null : Requires.InsideScope(directive, fact.Models, "rescission-outside-scope", "only a model still restricted can be rescinded"));
    }


    protected override DirectiveRescinded Stored(DirectiveRescinded fact, LedgerKnowledge known) =>
        fact with { ReceivedAt = Fields.InZone(fact.ReceivedAt, fact.ReceivedTimeZone) };
    protected override Reach Touches(DirectiveRescinded fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Directive(after, fact.DirectiveId, fact.EffectiveAt);

    protected override ILedgerFact AsKnown(DirectiveRescinded fact, LedgerKnowledge known) => fact;


    protected override string? DirectiveOf(DirectiveRescinded fact, LedgerKnowledge known) => fact.DirectiveId;
    protected override bool ConcernsOrganization(DirectiveRescinded fact, string organizationId) => false;

    /// <summary>A rescission of all models concerns every model any version of the directive named.</summary>
    protected override bool ConcernsModel(DirectiveRescinded fact, string modelId, LedgerKnowledge known) =>
        fact.Models?.Contains(modelId)
        ?? (known.Find<DirectiveIssued>(fact.DirectiveId)?.Scope.Models.Contains(modelId) == true
            || known.ActsOf(fact.DirectiveId).Select(f => f.Current).OfType<DirectiveAmended>().Any(a => a.Scope.Models.Contains(modelId)));

    protected override IEnumerable<string> References(DirectiveRescinded fact) => [fact.DirectiveId];
}
