using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>
/// A revocation takes an approved vetting off the annex, once, not before the vetting took effect, and only through
/// the organisation that holds it (product.md 10.11). It has no id of its own: it is <c>&lt;vettingId&gt;:revocation</c>.
/// </summary>
public sealed class VettingRevokedKind : FactKind<VettingRevoked>
{
    public static readonly VettingRevokedKind Instance = new();

    public override string StoredName => "vetting-revoked.v1";
    public override string IdField => "vettingId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "organizationId", "vettingId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields => ConfidentialText.None;

    protected override Violation? Shape(VettingRevoked fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("organizationId", fact.OrganizationId)
        ?? Fields.Id("vettingId", fact.VettingId)
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Text("reason", fact.Reason, Fields.MaxText);

    protected override Violation? Path(VettingRevoked fact, LedgerKnowledge known) =>
        Requires.OrganizationRecorded(known, fact.OrganizationId)
        ?? (known.Find<OrganizationVetted>(fact.VettingId) is { } vetting && vetting.OrganizationId == fact.OrganizationId
            ? null
            : Violation.NotFound("vetting-not-found", "vettingId", $"organisation {fact.OrganizationId} holds no vetting {fact.VettingId}"));

    protected override Violation? Rules(VettingRevoked fact, LedgerKnowledge known)
    {
        var vetting = known.Find<OrganizationVetted>(fact.VettingId)!;
        return vetting.Outcome != VettingOutcome.Approved
            ? Violation.Broken("vetting-not-approved", "vettingId", $"vetting {vetting.VettingId} was not approved; only an approval can be revoked")
            : fact.EffectiveAt < vetting.EffectiveAt
                ? Violation.Broken("revocation-before-vetting", "effectiveAt",
                    $"vetting {vetting.VettingId} takes effect at {Requires.Rfc(vetting.EffectiveAt)}; it cannot be revoked before that")
                : null;
    }

    protected override VettingRevoked Stored(VettingRevoked fact, LedgerKnowledge known) => fact;
    protected override Reach Touches(VettingRevoked fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Annex(after, fact, fact.OrganizationId, fact.EffectiveAt);

    protected override ILedgerFact AsKnown(VettingRevoked fact, LedgerKnowledge known) => fact;

    protected override string? DirectiveOf(VettingRevoked fact, LedgerKnowledge known) => null;
    protected override bool ConcernsOrganization(VettingRevoked fact, string organizationId) => fact.OrganizationId == organizationId;
    protected override bool ConcernsModel(VettingRevoked fact, string modelId, LedgerKnowledge known) => false;
    protected override IEnumerable<string> References(VettingRevoked fact) => [fact.VettingId];
}
