using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Admission;

/// <summary>The 422 rules of product.md section 4, judged against the facts known when the fact is written.</summary>
public static class FactRules
{
    public static Violation? Of(LedgerKnowledge known, ILedgerFact fact) => fact switch
    {
        DirectiveIssued d => Models(known, "scope.models", d.Scope.Models),
        DirectiveAmended a => Amendment(known, a),
        EasingGranted e => Easing(known, e),
        DirectiveRescinded r => Rescission(known, r),
        OrganizationVetted v => Vetting(known, v),
        VettingRevoked r => Revocation(known, r),
        AccessSuspended s => Model(known, "modelId", s.ModelId) ?? Organization(known, s.OrganizationId),
        AccessRestored r => Restoration(known, r),
        _ => null,
    };

    private static Violation? Amendment(LedgerKnowledge known, DirectiveAmended amendment)
    {
        var directive = DirectiveInForce.Of(known, amendment.DirectiveId, amendment.EffectiveAt);
        return InForce(directive)
               ?? Models(known, "scope.models", amendment.Scope.Models)
               ?? amendment.Scope.Models
                   .Select((m, i) => directive.IsRescinded(m)
                       ? Violation.Broken("model-rescinded", $"scope.models[{i}]",
                           $"{m} was rescinded from {directive.Id}; a rescission is permanent")
                       : null)
                   .FirstOrDefault(v => v is not null);
    }

    /// <summary>Rule 3 and 10.5: an easing releases only models of the scope in force, not already rescinded.</summary>
    private static Violation? Easing(LedgerKnowledge known, EasingGranted easing)
    {
        var directive = DirectiveInForce.Of(known, easing.DirectiveId, easing.EffectiveAt);
        return InForce(directive) ?? InsideScope(directive, easing.Models, "easing-outside-scope", "an easing can only narrow a restriction");
    }

    private static Violation? Rescission(LedgerKnowledge known, DirectiveRescinded rescission)
    {
        var directive = DirectiveInForce.Of(known, rescission.DirectiveId, rescission.EffectiveAt);
        return InForce(directive)
               ?? (rescission.Models is null ? null : InsideScope(directive, rescission.Models, "rescission-outside-scope", "only a model still restricted can be rescinded"));
    }

    private static Violation? Vetting(LedgerKnowledge known, OrganizationVetted vetting) =>
        known.Find<EasingGranted>(vetting.EasingId) is null
            ? Violation.Broken("easing-not-found", "easingId", $"no easing {vetting.EasingId} is recorded")
            : vetting.ExpiresAt is { } expiry && expiry <= vetting.EffectiveAt
                ? Violation.Broken("expiry-not-after-effect", "expiresAt", "expiresAt must be after effectiveAt")
                : null;

    private static Violation? Revocation(LedgerKnowledge known, VettingRevoked revocation)
    {
        var vetting = known.Find<OrganizationVetted>(revocation.VettingId)!;
        return vetting.Outcome != VettingOutcome.Approved
            ? Violation.Broken("vetting-not-approved", "vettingId", $"vetting {vetting.VettingId} was not approved; only an approval can be revoked")
            : revocation.EffectiveAt < vetting.EffectiveAt
                ? Violation.Broken("revocation-before-vetting", "effectiveAt",
                    $"vetting {vetting.VettingId} takes effect at {Rfc(vetting.EffectiveAt)}; it cannot be revoked before that")
                : null;
    }

    /// <summary>
    /// Rule 5 and 10.10: a restoration is lawful only where the law allows access at its effective time, for every
    /// organisation it names (for <c>*</c>: every registered organisation and everyone else) and every class.
    /// </summary>
    private static Violation? Restoration(LedgerKnowledge known, AccessRestored restoration)
    {
        var problem = Model(known, "modelId", restoration.ModelId)
                      ?? Organization(known, restoration.OrganizationId)
                      ?? (restoration.EasingId is null ? null : NamedEasing(known, restoration));
        if (problem is not null)
            return problem;

        var organizations = restoration.OrganizationId == FactIds.Everyone
            ? known.Organizations.Append(FactIds.Everyone)
            : [restoration.OrganizationId];
        foreach (var organization in organizations)
        foreach (var personClass in restoration.PersonClasses)
        {
            var reasons = new List<string>();
            if (AccessSemantics.Legal(known, restoration.ModelId, organization, personClass, restoration.EffectiveAt, reasons: reasons) == LegalState.Restricted)
                return Violation.Broken("restoration-not-lawful", "personClasses",
                    $"the law does not allow {Wire.Name(personClass)} access to {restoration.ModelId} for {organization} at {Rfc(restoration.EffectiveAt)}: {string.Join("; ", reasons)}");
        }

        return null;
    }

    private static Violation? NamedEasing(LedgerKnowledge known, AccessRestored restoration)
    {
        if (known.Find<EasingGranted>(restoration.EasingId!) is not { } easing)
            return Violation.Broken("easing-not-found", "easingId", $"no easing {restoration.EasingId} is recorded");
        var directive = DirectiveInForce.Of(known, easing.DirectiveId, restoration.EffectiveAt);
        if (!directive.EasingsInForce.Any(e => e.Id == easing.EasingId))
            return Violation.Broken("easing-not-in-force", "easingId", $"easing {easing.EasingId} is not in force at {Rfc(restoration.EffectiveAt)}");
        return easing.Models.Contains(restoration.ModelId)
            ? null
            : Violation.Broken("easing-does-not-release-model", "easingId", $"easing {easing.EasingId} does not release {restoration.ModelId}");
    }

    private static Violation? InForce(DirectiveInForce directive) =>
        directive.InForce
            ? null
            : Violation.Broken("directive-not-in-force", "effectiveAt",
                directive.IsPending
                    ? $"directive {directive.Id} takes effect only at {Rfc(directive.Directive.EffectiveAt)}"
                    : $"directive {directive.Id} is rescinded by {Rfc(directive.At)}");

    private static Violation? InsideScope(DirectiveInForce directive, IReadOnlyList<string> models, string rule, string why) =>
        models.Select((m, i) => directive.Restricts(m)
                ? null
                : Violation.Broken(rule, $"models[{i}]", $"{m} is not restricted by {directive.Id} at {Rfc(directive.At)}; {why}"))
            .FirstOrDefault(v => v is not null);

    private static Violation? Models(LedgerKnowledge known, string field, IReadOnlyList<string> models) =>
        models.Select((m, i) => Model(known, $"{field}[{i}]", m)).FirstOrDefault(v => v is not null);

    private static Violation? Model(LedgerKnowledge known, string field, string modelId) =>
        known.Find<ModelRegistered>(modelId) is null
            ? Violation.Broken("model-not-found", field, $"no model {modelId} is registered")
            : null;

    private static Violation? Organization(LedgerKnowledge known, string organizationId) =>
        organizationId == FactIds.Everyone || known.Find<OrganizationRegistered>(organizationId) is not null
            ? null
            : Violation.Broken("organization-not-found", "organizationId", $"no organisation {organizationId} is registered");

    private static string Rfc(DateTimeOffset instant) => Json.Rfc3339InstantConverter.Format(instant.ToUniversalTime());
}
