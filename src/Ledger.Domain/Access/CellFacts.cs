using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// The facts that can move a cell, each with the instant at which it does: every act of a directive that names
/// the model in any scope version (any of them can change what is restricted), the organisation's vettings (their effect, expiry and revocation) and the provider acts the
/// cell hears. A cell's state is constant between two of these instants.
/// </summary>
public static class CellFacts
{
    public sealed record Touch(KnownFact Fact, DateTimeOffset At);

    public static IEnumerable<Touch> Touching(LedgerKnowledge known, string modelId, string organizationId)
    {
        foreach (var directiveId in known.DirectivesNamingModel(modelId))
        {
            var issued = known.Facts[directiveId];
            yield return new Touch(issued, issued.As<DirectiveIssued>().EffectiveAt);
            foreach (var act in known.ActsOf(directiveId))
                yield return new Touch(act, act.Current.EffectiveAt!.Value);
        }

        foreach (var fact in known.VettingsOf(organizationId))
        {
            var vetting = fact.As<OrganizationVetted>();
            yield return new Touch(fact, vetting.EffectiveAt);
            if (vetting.ExpiresAt is { } expiry)
                yield return new Touch(fact, expiry);
            if (known.Find(FactIds.Revocation(vetting.VettingId)) is { } revocation)
                yield return new Touch(revocation, revocation.As<VettingRevoked>().EffectiveAt);
        }

        foreach (var act in known.ProviderActsOf(modelId, organizationId))
            yield return new Touch(act, act.Current.EffectiveAt!.Value);
    }
}
