using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>A vetting needs its easing to exist, not to be in force, and expires after it takes effect (product.md 10.7).</summary>
public sealed class OrganizationVettedKind : FactKind<OrganizationVetted>
{
    public static readonly OrganizationVettedKind Instance = new();

    public override string StoredName => "organization-vetted.v1";
    public override string IdField => "vettingId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "organizationId", "vettingId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields => ConfidentialText.None;

    protected override Violation? Shape(OrganizationVetted fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("organizationId", fact.OrganizationId)
        ?? Fields.Id("vettingId", fact.VettingId)
        ?? Fields.Id("easingId", fact.EasingId)
        ?? Fields.Text("vettedBy", fact.VettedBy)
        ?? Fields.Texts("criteria", fact.Criteria)
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Instant("expiresAt", fact.ExpiresAt, now);

    protected override Violation? Path(OrganizationVetted fact, LedgerKnowledge known) => Requires.OrganizationRecorded(known, fact.OrganizationId);

    protected override Violation? Rules(OrganizationVetted fact, LedgerKnowledge known) =>
        known.Find<EasingGranted>(fact.EasingId) is null
            ? Violation.Broken("easing-not-found", "easingId", $"no easing {fact.EasingId} is recorded")
            : fact.ExpiresAt is { } expiry && expiry <= fact.EffectiveAt
                ? Violation.Broken("expiry-not-after-effect", "expiresAt", "expiresAt must be after effectiveAt")
                : null;

    protected override OrganizationVetted Stored(OrganizationVetted fact, LedgerKnowledge known) => fact;
    protected override Reach Touches(OrganizationVetted fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Annex(after, fact, fact.OrganizationId, fact.EffectiveAt);

    protected override ILedgerFact AsKnown(OrganizationVetted fact, LedgerKnowledge known) => fact;

    protected override string? DirectiveOf(OrganizationVetted fact, LedgerKnowledge known) => null;
    protected override bool ConcernsOrganization(OrganizationVetted fact, string organizationId) => fact.OrganizationId == organizationId;
    protected override bool ConcernsModel(OrganizationVetted fact, string modelId, LedgerKnowledge known) => false;
    protected override IEnumerable<string> References(OrganizationVetted fact) => [fact.EasingId];
}
