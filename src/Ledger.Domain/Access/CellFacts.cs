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
        foreach (var directiveId in known.Directives)
        {
            var issued = known.Facts[directiveId];
            if (!EverNames(known, issued, modelId))
                continue;
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

    private static bool EverNames(LedgerKnowledge known, KnownFact issued, string modelId) =>
        issued.As<DirectiveIssued>().Scope.Models.Contains(modelId)
        || known.ActsOf(issued.Id).Any(act => act.Current is DirectiveAmended amended && amended.Scope.Models.Contains(modelId));
}
