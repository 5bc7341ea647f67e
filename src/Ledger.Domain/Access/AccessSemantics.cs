using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// Product.md section 5, the one definition of "allowed": the legal state from directives, easings and vettings,
/// the provider state from suspensions and restorations, and access from both. Pure: the same knowledge and
/// instant always give the same verdict, which is what lets a regulator ask again and get the same answer.
/// </summary>
public static class AccessSemantics
{
    public static Verdict Evaluate(LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at)
    {
        if (personClass == PersonClass.Unknown)
            return EvaluateUnknown(known, modelId, organizationId, at);

        var basis = new List<BasisEvent>();
        var reasons = new List<string>();
        var legal = Legal(known, modelId, organizationId, personClass, at, basis, reasons);
        var provider = Provider(known, modelId, organizationId, personClass, at, basis, reasons);
        var access = legal != LegalState.Restricted && provider == ProviderState.Enabled
            ? Vocabulary.Access.Allowed
            : Vocabulary.Access.Denied;
        reasons.Insert(0, $"{(access == Vocabulary.Access.Allowed ? "allowed" : "denied")}: {Describe(modelId, organizationId, personClass)}");
        return new Verdict(legal, provider, access, basis.DistinctBy(b => b.EventId).OrderBy(b => b.Position).ToList(), reasons);
    }

    /// <summary>Fails closed (product.md 10.17): allowed only when both person classes are allowed.</summary>
    private static Verdict EvaluateUnknown(LedgerKnowledge known, string modelId, string organizationId, DateTimeOffset at)
    {
        var us = Evaluate(known, modelId, organizationId, PersonClass.UsPerson, at);
        var foreign = Evaluate(known, modelId, organizationId, PersonClass.ForeignPerson, at);
        var worst = foreign.Access == Vocabulary.Access.Denied ? foreign : us;
        var access = us.Access == Vocabulary.Access.Allowed && foreign.Access == Vocabulary.Access.Allowed
            ? Vocabulary.Access.Allowed
            : Vocabulary.Access.Denied;
        var reasons = new List<string>
        {
            access == Vocabulary.Access.Allowed
                ? "allowed: both us-person and foreign-person are allowed, so the unknown class is allowed"
                : "denied (fail closed): the person class is unknown and at least one class is denied",
        };
        reasons.AddRange(us.Reasons.Select(r => $"us-person: {r}"));
        reasons.AddRange(foreign.Reasons.Select(r => $"foreign-person: {r}"));
        var basis = us.Basis.Concat(foreign.Basis).DistinctBy(b => b.EventId).OrderBy(b => b.Position).ToList();
        return new Verdict(worst.Legal, worst.Provider, access, basis, reasons);
    }

    public static LegalState Legal(
        LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at,
        List<BasisEvent>? basis = null, List<string>? reasons = null)
    {
        var restricting = new List<DirectiveInForce>();
        foreach (var directiveId in known.DirectivesNamingModel(modelId))
        {
            var directive = DirectiveInForce.Of(known, directiveId, at);
            if (directive.Restricts(modelId) && directive.Scope.Covers(personClass))
                restricting.Add(directive);
        }

        if (restricting.Count == 0)
        {
            reasons?.Add($"no directive in force restricts {Describe(modelId, personClass)}");
            return LegalState.Unrestricted;
        }

        var everyOneEased = true;
        foreach (var directive in restricting)
        {
            basis?.Add(Basis(directive.Issued));
            if (directive.ScopeSource != directive.Issued)
                basis?.Add(Basis(directive.ScopeSource));
            reasons?.Add($"directive {directive.Id} (in force since {Instant.Text(directive.Directive.EffectiveAt)}) restricts {Describe(modelId, personClass)}");
            everyOneEased &= Released(known, directive, modelId, organizationId, personClass, at, basis, reasons);
        }

        return everyOneEased ? LegalState.Eased : LegalState.Restricted;
    }

    /// <summary>Product.md 10.6: whether an easing of the directive in force releases the model for this organisation and class.</summary>
    private static bool Released(
        LedgerKnowledge known, DirectiveInForce directive, string modelId, string organizationId, PersonClass personClass,
        DateTimeOffset at, List<BasisEvent>? basis, List<string>? reasons)
    {
        var relevant = new List<KnownFact>();
        foreach (var easing in directive.EasingsInForce)
            if (easing.As<EasingGranted>().Models.Contains(modelId))
                relevant.Add(easing);
        if (relevant.Count == 0)
        {
            reasons?.Add($"no easing of {directive.Id} in force releases {modelId}");
            return false;
        }

        var organization = known.Find<OrganizationRegistered>(organizationId);
        var why = new List<string>();
        foreach (var fact in relevant)
        {
            var easing = fact.As<EasingGranted>();
            if (easing.CoversAddresseeForeignEmployees && personClass == PersonClass.ForeignPerson && organization is { IsAddressee: true })
            {
                basis?.Add(Basis(fact));
                basis?.Add(Basis(known.Facts[organizationId]));
                reasons?.Add($"easing {easing.EasingId} releases {modelId} for the addressee's foreign employees, and {organizationId} is the addressee");
                return true;
            }

            if (!easing.CoversListedOrganizations)
            {
                why.Add($"easing {easing.EasingId} releases {modelId} only for the addressee's foreign employees");
                continue;
            }

            if (organization is null)
            {
                why.Add($"easing {easing.EasingId} releases {modelId} only for organisations on its annex, never for everyone else");
                continue;
            }

            var standing = Annex.Of(known, organizationId, easing.EasingId, at);
            if (standing.Decision is not null)
                basis?.Add(Basis(standing.Decision));
            if (standing.Revocation is not null)
                basis?.Add(Basis(standing.Revocation));
            if (standing.Listed)
            {
                basis?.Add(Basis(fact));
                reasons?.Add($"easing {easing.EasingId} releases {modelId}, and {standing.Explanation}");
                return true;
            }

            basis?.Add(Basis(fact));
            why.Add($"easing {easing.EasingId} releases {modelId} but {standing.Explanation}");
        }

        reasons?.AddRange(why);
        return false;
    }

    /// <summary>The latest suspension or restoration covering the cell (product.md 10.9): the <c>*</c> row hears only <c>*</c> acts.</summary>
    public static ProviderState Provider(
        LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at,
        List<BasisEvent>? basis = null, List<string>? reasons = null)
    {
        var latest = LatestProviderAct(known, modelId, organizationId, personClass, at);
        if (latest is null)
        {
            reasons?.Add($"the provider has not suspended {modelId} for {Who(organizationId)}");
            return ProviderState.Enabled;
        }

        var act = (IProviderAct)latest.Current;
        basis?.Add(Basis(latest));
        var verb = act.Result == ProviderState.Suspended ? "suspended" : "restored";
        reasons?.Add($"the provider {verb} {modelId} for {Who(act.OrganizationId)} ({latest.Id}, effective {Instant.Text(act.EffectiveAt)})");
        return act.Result;
    }

    /// <summary>The act covering the class that is latest by effective time, then position, among those in effect at the instant.</summary>
    public static KnownFact? LatestProviderAct(LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at)
    {
        Filed? latest = null;
        foreach (var acts in known.ProviderActsHeard(modelId, organizationId))
        {
            // Each index is in that order already: the first act covering the class, walking back from the instant, is its latest.
            for (var i = Filed.LastAtOrBefore(acts, at); i >= 0; i--)
            {
                var act = acts[i];
                if (!((IProviderAct)act.Fact.Current).PersonClasses.Contains(personClass))
                    continue;
                if (latest is not { } found || Filed.Order.Compare(act, found) > 0)
                    latest = act;
                break;
            }
        }

        return latest?.Fact;
    }

    public static BasisEvent Basis(KnownFact fact) => new(fact.Id, fact.Position, fact.Recorded.Type);

    private static string Who(string organizationId) => organizationId == FactIds.Everyone ? "everyone" : organizationId;

    private static string Describe(string modelId, PersonClass personClass) =>
        $"{(personClass == PersonClass.ForeignPerson ? "foreign-person" : "us-person")} use of {modelId}";

    private static string Describe(string modelId, string organizationId, PersonClass personClass) =>
        $"{Describe(modelId, personClass)} by {(organizationId == FactIds.Everyone ? "everyone not registered (*)" : organizationId)}";
}
