using Ledger.Domain.Access;
using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>An easing narrows one directive in force: it releases only models still inside its scope (rule 3, product.md 10.5).</summary>
public sealed class EasingGrantedKind : FactKind<EasingGranted>
{
    public static readonly EasingGrantedKind Instance = new();

    public override string StoredName => "easing-granted.v1";
    public override string IdField => "easingId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "directiveId", "easingId" };

    public override IReadOnlyList<ConfidentialText> ConfidentialFields { get; } =
        [ConfidentialText.Texts("conditions"), ConfidentialText.Documents("documents")];

    protected override Violation? Shape(EasingGranted fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("directiveId", fact.DirectiveId)
        ?? Fields.Id("easingId", fact.EasingId)
        ?? Fields.Ids("models", fact.Models)
        ?? Fields.Texts("conditions", fact.Conditions)
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Received(fact.ReceivedAt, fact.ReceivedTimeZone, now)
        ?? Fields.Documents("documents", fact.Documents);

    protected override Violation? Path(EasingGranted fact, LedgerKnowledge known) => Requires.DirectiveRecorded(known, fact.DirectiveId);

    protected override Violation? Rules(EasingGranted fact, LedgerKnowledge known)
    {
        var directive = DirectiveInForce.Of(known, fact.DirectiveId, fact.EffectiveAt);
        return Requires.InForce(directive)
               ?? Requires.InsideScope(directive, fact.Models, "easing-outside-scope", "an easing can only narrow a restriction");
    }


    protected override EasingGranted Stored(EasingGranted fact, LedgerKnowledge known) =>
        fact with { ReceivedAt = Fields.InZone(fact.ReceivedAt, fact.ReceivedTimeZone) };
    protected override Reach Touches(EasingGranted fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Easing(after, fact.Models, fact.EffectiveAt);

    protected override ILedgerFact AsKnown(EasingGranted fact, LedgerKnowledge known) => fact;


    protected override string? DirectiveOf(EasingGranted fact, LedgerKnowledge known) => fact.DirectiveId;
    protected override bool ConcernsOrganization(EasingGranted fact, string organizationId) => false;
    protected override bool ConcernsModel(EasingGranted fact, string modelId, LedgerKnowledge known) => fact.Models.Contains(modelId);
    protected override IEnumerable<string> References(EasingGranted fact) => [fact.DirectiveId];
}
