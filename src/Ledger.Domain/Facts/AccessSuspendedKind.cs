using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>The provider may suspend more than the law requires, so a suspension needs only a registered model and organisation (or <c>*</c>).</summary>
public sealed class AccessSuspendedKind : FactKind<AccessSuspended>
{
    public static readonly AccessSuspendedKind Instance = new();

    public override string StoredName => "access-suspended.v1";
    public override string IdField => "suspensionId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "suspensionId", "modelId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields => ConfidentialText.None;

    protected override Violation? Shape(AccessSuspended fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("suspensionId", fact.SuspensionId)
        ?? Fields.Id("modelId", fact.ModelId)
        ?? Fields.OrganizationOrEveryone("organizationId", fact.OrganizationId)
        ?? Fields.PersonClasses("personClasses", fact.PersonClasses)
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Text("reason", fact.Reason, Fields.MaxText);

    protected override Violation? Path(AccessSuspended fact, LedgerKnowledge known) => null;

    protected override Violation? Rules(AccessSuspended fact, LedgerKnowledge known) =>
        Requires.Model(known, "modelId", fact.ModelId) ?? Requires.OrganizationOrEveryone(known, fact.OrganizationId);

    protected override AccessSuspended Stored(AccessSuspended fact, LedgerKnowledge known) => fact;
    protected override Reach Touches(AccessSuspended fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.ProviderAct(after, fact);

    protected override ILedgerFact AsKnown(AccessSuspended fact, LedgerKnowledge known) => fact;

    protected override string? DirectiveOf(AccessSuspended fact, LedgerKnowledge known) => null;
    protected override bool ConcernsOrganization(AccessSuspended fact, string organizationId) => fact.OrganizationId == organizationId;
    protected override bool ConcernsModel(AccessSuspended fact, string modelId, LedgerKnowledge known) => fact.ModelId == modelId;
    protected override IEnumerable<string> References(AccessSuspended fact) => [];
}
