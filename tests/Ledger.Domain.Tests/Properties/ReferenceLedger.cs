using System.Globalization;
using System.Text.Json;

namespace Ledger.Domain.Tests.Properties;

/// <summary>
/// An independent reading of product.md section 5 and 10.3-10.9, written from the text over the raw list of
/// recorded facts: it folds the facts and their corrections itself and shares no code with the domain's
/// access semantics, so the two can be compared.
/// </summary>
public sealed class ReferenceLedger
{
    private readonly List<(long Position, ILedgerFact Fact)> facts = [];

    private ReferenceLedger(IEnumerable<RecordedFact> recorded)
    {
        var slots = new Dictionary<string, int>();
        foreach (var record in recorded.OrderBy(r => r.Position))
        {
            if (record.Fact is CorrectionRecorded correction)
            {
                var slot = slots[correction.EventId];
                facts[slot] = (facts[slot].Position, Corrected(facts[slot].Fact, correction.Field, correction.Value));
                continue;
            }

            slots[record.Fact.FactId] = facts.Count;
            facts.Add((record.Position, record.Fact));
        }
    }

    public static ReferenceLedger Of(IEnumerable<RecordedFact> recorded) => new(recorded);

    public IReadOnlyList<string> Organizations => Of<OrganizationRegistered>().Select(o => o.Fact.OrganizationId).ToList();

    /// <summary>Every instant at which some fact starts or stops counting: the only instants a cell can change at.</summary>
    public IReadOnlyList<DateTimeOffset> Instants =>
        facts.SelectMany(f => f.Fact switch
            {
                OrganizationVetted { ExpiresAt: { } expiry } v => [v.EffectiveAt, expiry],
                ILedgerFact { EffectiveAt: { } effective } => new[] { effective },
                _ => [],
            })
            .Distinct().Order().ToList();

    public (LegalState Legal, ProviderState Provider, Vocabulary.Access Access) State(string model, string organization, PersonClass personClass, DateTimeOffset at)
    {
        var legal = Legal(model, organization, personClass, at);
        var provider = Provider(model, organization, personClass, at);
        return (legal, provider, legal != LegalState.Restricted && provider == ProviderState.Enabled ? Allowed : Denied);
    }

    public LegalState Legal(string model, string organization, PersonClass personClass, DateTimeOffset at)
    {
        var restricted = false;
        var everyOneEased = true;
        var registered = Of<OrganizationRegistered>().Select(o => o.Fact).FirstOrDefault(o => o.OrganizationId == organization);
        foreach (var (_, issued) in Of<DirectiveIssued>().Where(d => d.Fact.EffectiveAt <= at))
        {
            var id = issued.DirectiveId;
            var amendment = Of<DirectiveAmended>().Where(a => a.Fact.DirectiveId == id && a.Fact.EffectiveAt <= at)
                .OrderBy(a => a.Fact.EffectiveAt).ThenBy(a => a.Position).Select(a => a.Fact).LastOrDefault();
            var scope = amendment?.Scope ?? issued.Scope;
            var rescissions = Of<DirectiveRescinded>().Where(r => r.Fact.DirectiveId == id && r.Fact.EffectiveAt <= at).Select(r => r.Fact).ToList();
            var rescindedAll = rescissions.Any(r => r.Models is null);
            var rescinded = rescissions.SelectMany(r => r.Models ?? []).ToHashSet();
            var inForce = !rescindedAll && scope.Models.Any(m => !rescinded.Contains(m));
            var covers = scope.Persons == PersonScope.AllPersons || personClass == PersonClass.ForeignPerson;
            if (!inForce || !covers || !scope.Models.Contains(model) || rescinded.Contains(model))
                continue;

            restricted = true;
            var eased = Of<EasingGranted>()
                .Select(e => e.Fact)
                .Where(e => e.DirectiveId == id && e.EffectiveAt <= at && e.Models.Contains(model))
                .Any(e => registered is not null
                          && ((e.CoversAddresseeForeignEmployees && registered.IsAddressee && personClass == PersonClass.ForeignPerson)
                              || (e.CoversListedOrganizations && OnAnnex(organization, e.EasingId, at))));
            everyOneEased &= eased;
        }

        return !restricted ? LegalState.Unrestricted : everyOneEased ? LegalState.Eased : LegalState.Restricted;
    }

    public ProviderState Provider(string model, string organization, PersonClass personClass, DateTimeOffset at)
    {
        var latest = facts
            .Where(f => f.Fact is IProviderAct act
                        && act.ModelId == model
                        && act.EffectiveAt <= at
                        && act.PersonClasses.Contains(personClass)
                        && (act.OrganizationId == FactIds.Everyone || act.OrganizationId == organization))
            .OrderBy(f => ((IProviderAct)f.Fact).EffectiveAt).ThenBy(f => f.Position)
            .Select(f => f.Fact)
            .LastOrDefault();
        return latest is AccessSuspended ? ProviderState.Suspended : ProviderState.Enabled;
    }

    private bool OnAnnex(string organization, string easingId, DateTimeOffset at)
    {
        var decision = Of<OrganizationVetted>()
            .Where(v => v.Fact.OrganizationId == organization && v.Fact.EasingId == easingId && v.Fact.EffectiveAt <= at)
            .OrderBy(v => v.Fact.EffectiveAt).ThenBy(v => v.Position)
            .Select(v => v.Fact)
            .LastOrDefault();
        return decision is { Outcome: VettingOutcome.Approved }
               && !(decision.ExpiresAt is { } expiry && at >= expiry)
               && !Of<VettingRevoked>().Any(r => r.Fact.VettingId == decision.VettingId && r.Fact.EffectiveAt <= at);
    }

    private IEnumerable<(long Position, T Fact)> Of<T>() where T : ILedgerFact =>
        facts.Where(f => f.Fact is T).Select(f => (f.Position, (T)f.Fact));

    private static ILedgerFact Corrected(ILedgerFact fact, string field, JsonElement value) => (fact, field) switch
    {
        (OrganizationRegistered o, "isAddressee") => o with { IsAddressee = value.GetBoolean() },
        (DirectiveIssued d, "effectiveAt") => d with { EffectiveAt = Instant(value) },
        (DirectiveIssued d, "scope") => d with { Scope = Scope(value) },
        (DirectiveAmended a, "effectiveAt") => a with { EffectiveAt = Instant(value) },
        (DirectiveAmended a, "scope") => a with { Scope = Scope(value) },
        (EasingGranted e, "effectiveAt") => e with { EffectiveAt = Instant(value) },
        (EasingGranted e, "models") => e with { Models = Strings(value) },
        (EasingGranted e, "coversListedOrganizations") => e with { CoversListedOrganizations = value.GetBoolean() },
        (EasingGranted e, "coversAddresseeForeignEmployees") => e with { CoversAddresseeForeignEmployees = value.GetBoolean() },
        (DirectiveRescinded r, "effectiveAt") => r with { EffectiveAt = Instant(value) },
        (DirectiveRescinded r, "models") => r with { Models = value.ValueKind == JsonValueKind.Null ? null : Strings(value) },
        (OrganizationVetted v, "effectiveAt") => v with { EffectiveAt = Instant(value) },
        (OrganizationVetted v, "expiresAt") => v with { ExpiresAt = value.ValueKind == JsonValueKind.Null ? null : Instant(value) },
        (OrganizationVetted v, "outcome") => v with { Outcome = value.GetString() == "approved" ? VettingOutcome.Approved : VettingOutcome.Rejected },
        (OrganizationVetted v, "easingId") => v with { EasingId = value.GetString()! },
        (VettingRevoked r, "effectiveAt") => r with { EffectiveAt = Instant(value) },
        (AccessSuspended s, "effectiveAt") => s with { EffectiveAt = Instant(value) },
        (AccessSuspended s, "organizationId") => s with { OrganizationId = value.GetString()! },
        (AccessSuspended s, "personClasses") => s with { PersonClasses = Classes(value) },
        (AccessRestored r, "effectiveAt") => r with { EffectiveAt = Instant(value) },
        (AccessRestored r, "organizationId") => r with { OrganizationId = value.GetString()! },
        (AccessRestored r, "personClasses") => r with { PersonClasses = Classes(value) },
        _ => throw new NotSupportedException($"the reference does not correct {field} of {fact.GetType().Name}"),
    };

    private static DateTimeOffset Instant(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static string[] Strings(JsonElement value) => value.EnumerateArray().Select(v => v.GetString()!).ToArray();

    private static PersonClass[] Classes(JsonElement value) =>
        value.EnumerateArray().Select(v => v.GetString() == "us-person" ? PersonClass.UsPerson : PersonClass.ForeignPerson).ToArray();

    private static DirectiveScope Scope(JsonElement value) =>
        new(Strings(value.GetProperty("models")),
            value.GetProperty("persons").GetString() == "all-persons" ? PersonScope.AllPersons : PersonScope.ForeignPersons,
            Strings(value.GetProperty("activities")));
}
