using Ledger.Domain.Access;
using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>
/// A restoration is lawful only where the law allows access at its effective time, for every organisation it names
/// (for <c>*</c>: every registered organisation and everyone else) and every class (rule 5, product.md 10.10).
/// </summary>
public sealed class AccessRestoredKind : FactKind<AccessRestored>
{
    public static readonly AccessRestoredKind Instance = new();

    public override string StoredName => "access-restored.v1";
    public override string IdField => "restorationId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "restorationId", "modelId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields => ConfidentialText.None;

    protected override Violation? Shape(AccessRestored fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("restorationId", fact.RestorationId)
        ?? Fields.Id("modelId", fact.ModelId)
        ?? Fields.OrganizationOrEveryone("organizationId", fact.OrganizationId)
        ?? Fields.PersonClasses("personClasses", fact.PersonClasses)
        ?? (fact.EasingId is null ? null : Fields.Id("easingId", fact.EasingId))
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now);

    protected override Violation? Path(AccessRestored fact, LedgerKnowledge known) => null;

    protected override Violation? Rules(AccessRestored fact, LedgerKnowledge known)
    {
        var problem = Requires.Model(known, "modelId", fact.ModelId)
                      ?? Requires.OrganizationOrEveryone(known, fact.OrganizationId)
                      ?? (fact.EasingId is null ? null : NamedEasing(known, fact));
        if (problem is not null)
            return problem;

        var organizations = fact.OrganizationId == FactIds.Everyone
            ? known.Organizations.Append(FactIds.Everyone)
            : [fact.OrganizationId];
        foreach (var organization in organizations)
        foreach (var personClass in fact.PersonClasses)
        {
            var reasons = new List<string>();
            if (AccessSemantics.Legal(known, fact.ModelId, organization, personClass, fact.EffectiveAt, reasons: reasons) == LegalState.Restricted)
                return Violation.Broken("restoration-not-lawful", "personClasses",
                    $"the law does not allow {Wire.Name(personClass)} access to {fact.ModelId} for {organization} at {Requires.Rfc(fact.EffectiveAt)}: {string.Join("; ", reasons)}");
        }

        return null;
    }

    /// <summary>Product.md 10.10: an easing a restoration names is in force at its effective time and releases its model.</summary>
    private static Violation? NamedEasing(LedgerKnowledge known, AccessRestored restoration)
    {
        if (known.Find<EasingGranted>(restoration.EasingId!) is not { } easing)
            return Violation.Broken("easing-not-found", "easingId", $"no easing {restoration.EasingId} is recorded");
        var directive = DirectiveInForce.Of(known, easing.DirectiveId, restoration.EffectiveAt);
        if (!directive.EasingsInForce.Any(e => e.Id == easing.EasingId))
            return Violation.Broken("easing-not-in-force", "easingId", $"easing {easing.EasingId} is not in force at {Requires.Rfc(restoration.EffectiveAt)}");
        return easing.Models.Contains(restoration.ModelId)
            ? null
            : Violation.Broken("easing-does-not-release-model", "easingId", $"easing {easing.EasingId} does not release {restoration.ModelId}");
    }

    protected override AccessRestored Stored(AccessRestored fact, LedgerKnowledge known) => fact;
    protected override Reach Touches(AccessRestored fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.ProviderAct(after, fact);

    protected override ILedgerFact AsKnown(AccessRestored fact, LedgerKnowledge known) => fact;

    protected override string? DirectiveOf(AccessRestored fact, LedgerKnowledge known) => null;
    protected override bool ConcernsOrganization(AccessRestored fact, string organizationId) => fact.OrganizationId == organizationId;
    protected override bool ConcernsModel(AccessRestored fact, string modelId, LedgerKnowledge known) => fact.ModelId == modelId;
    protected override IEnumerable<string> References(AccessRestored fact) => fact.EasingId is { } easing ? [easing] : [];
}
