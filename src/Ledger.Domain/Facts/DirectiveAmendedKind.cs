using Ledger.Domain.Access;
using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>An amendment is a new scope version of a directive in force; unlike an easing it may widen the scope (product.md 10.4).</summary>
public sealed class DirectiveAmendedKind : FactKind<DirectiveAmended>
{
    public static readonly DirectiveAmendedKind Instance = new();

    public override string StoredName => "directive-amended.v1";
    public override string IdField => "amendmentId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "directiveId", "amendmentId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields { get; } = [ConfidentialText.Documents("documents")];

    protected override Violation? Shape(DirectiveAmended fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("directiveId", fact.DirectiveId)
        ?? Fields.Id("amendmentId", fact.AmendmentId)
        ?? Fields.Scope("scope", fact.Scope)
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Received(fact.ReceivedAt, fact.ReceivedTimeZone, now)
        ?? Fields.Documents("documents", fact.Documents);

    protected override Violation? Path(DirectiveAmended fact, LedgerKnowledge known) => Requires.DirectiveRecorded(known, fact.DirectiveId);

    /// <summary>Product.md 10.3: a rescission is permanent, so an amendment cannot name a rescinded model again.</summary>
    protected override Violation? Rules(DirectiveAmended fact, LedgerKnowledge known)
    {
        var directive = DirectiveInForce.Of(known, fact.DirectiveId, fact.EffectiveAt);
        return Requires.InForce(directive)
               ?? Requires.Models(known, "scope.models", fact.Scope.Models)
               ?? fact.Scope.Models
                   .Select((m, i) => directive.IsRescinded(m)
                       ? Violation.Broken("model-rescinded", $"scope.models[{i}]",
                           $"{m} was rescinded from {directive.Id}; a rescission is permanent")
                       : null)
                   .FirstOrDefault(v => v is not null);
    }


    protected override DirectiveAmended Stored(DirectiveAmended fact, LedgerKnowledge known) =>
        fact with { ReceivedAt = Fields.InZone(fact.ReceivedAt, fact.ReceivedTimeZone) };
    protected override Reach Touches(DirectiveAmended fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Directive(after, fact.DirectiveId, fact.EffectiveAt);

    protected override ILedgerFact AsKnown(DirectiveAmended fact, LedgerKnowledge known) => fact;


    protected override string? DirectiveOf(DirectiveAmended fact, LedgerKnowledge known) => fact.DirectiveId;
    protected override bool ConcernsOrganization(DirectiveAmended fact, string organizationId) => false;
    protected override bool ConcernsModel(DirectiveAmended fact, string modelId, LedgerKnowledge known) => fact.Scope.Models.Contains(modelId);
    protected override IEnumerable<string> References(DirectiveAmended fact) => [fact.DirectiveId];
}
