using System.Diagnostics;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// Whether an organisation is on an easing's annex at an instant (product.md 10.7): the latest vetting decision
/// by effective time, then position, decides; an expired or revoked approval does not fall back to an older one.
/// </summary>
public static class Annex
{
    public sealed record Standing(bool Listed, KnownFact? Decision, KnownFact? Revocation, string Explanation);

    public static Standing Of(LedgerKnowledge known, string organizationId, string easingId, DateTimeOffset at)
    {
        var decisions = known.AnnexDecisionsOf(organizationId, easingId);
        var latest = Filed.LastAtOrBefore(decisions, at);
        var decision = latest >= 0 ? decisions[latest].Fact : null;
        if (decision is null)
            return new Standing(false, null, null, $"{organizationId} has no approved vetting under easing {easingId}");

        var vetting = decision.As<OrganizationVetted>();
        var revocation = known.Find(FactIds.Revocation(vetting.VettingId));
        if (vetting.Outcome == VettingOutcome.Rejected)
            return new Standing(false, decision, null, $"vetting {vetting.VettingId} rejected {organizationId} under easing {easingId}");
        if (revocation is not null && revocation.As<VettingRevoked>().EffectiveAt <= at)
            return new Standing(false, decision, revocation,
                $"vetting {vetting.VettingId} of {organizationId} was revoked with effect from {Instant.Text(revocation.As<VettingRevoked>().EffectiveAt)}");
        if (vetting.ExpiresAt is { } expiry && at >= expiry)
            return new Standing(false, decision, null, $"vetting {vetting.VettingId} of {organizationId} expired at {Instant.Text(expiry)}");
        return new Standing(true, decision, null,
            $"{organizationId} is on its annex by vetting {vetting.VettingId} (approved, effective {Instant.Text(vetting.EffectiveAt)})");
    }

    /// <summary>The easing on whose annex a vetting, or the revocation of one, decides; null when that easing is not known.</summary>
    public static EasingGranted? EasingOf(LedgerKnowledge known, ILedgerFact vettingOrRevocation) => vettingOrRevocation switch
    {
        OrganizationVetted vetting => known.Find<EasingGranted>(vetting.EasingId),
        VettingRevoked revocation => known.Find<OrganizationVetted>(revocation.VettingId) is { } vetting
            ? known.Find<EasingGranted>(vetting.EasingId)
            : null,
        var other => throw new UnreachableException($"{other.GetType().Name} decides on no annex"),
    };
}
