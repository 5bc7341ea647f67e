using System.Text.Json;
using Ledger.Domain.Json;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

/// <summary>A timeline proposed fact by fact through admission; refused facts are simply not recorded.</summary>
public sealed class Replayed
{
    private readonly List<string> directives = [];
    private readonly List<string> easings = [];
    private readonly List<string> vettings = [];
    private readonly List<string> correctable = [];
    private readonly List<string> providerActs = [];
    private readonly List<string> amendments = [];
    private readonly List<LedgerKnowledge> snapshots = [LedgerKnowledge.Empty];
    private int step;

    public TestLedger Ledger { get; } = new(Time.At("2026-08-15T00:00Z"));

    /// <summary>The knowledge as the ledger held it right after each position (index 0: nothing recorded).</summary>
    public IReadOnlyList<LedgerKnowledge> Snapshots => snapshots;

    public static Replayed Of(Timeline timeline)
    {
        var replayed = new Replayed();
        foreach (var model in Models)
            replayed.Propose(Make.Model(model));
        foreach (var organization in Organizations)
            replayed.Propose(Make.Organization(organization, addressee: organization == Organizations[0]));
        foreach (var step in timeline.Steps)
            replayed.Replay(step);
        return replayed;
    }

    public Decision Propose(ILedgerFact fact)
    {
        var decision = Ledger.Propose(fact);
        if (decision is not Decision.Admitted)
            return decision;
        snapshots.Add(Ledger.Known);
        switch (fact)
        {
            case DirectiveIssued d:
                directives.Add(d.DirectiveId);
                break;
            case EasingGranted e:
                easings.Add(e.EasingId);
                break;
            case OrganizationVetted v:
                vettings.Add(v.VettingId);
                break;
            case DirectiveAmended a:
                amendments.Add(a.AmendmentId);
                break;
            case IProviderAct:
                providerActs.Add(fact.FactId);
                break;
        }

        if (fact is not (CorrectionRecorded or ModelRegistered or OrganizationRegistered))
            correctable.Add(fact.FactId);
        return decision;
    }

    public static AccessSuspended Suspension(string id, Suspend s) =>
        Make.Suspension(id, Models[s.Model], Rows[s.Organization], AtSlot(s.Slot), Classes(s.Classes));

    private void Replay(Step next)
    {
        var id = $"{++step:000}";
        var fact = next switch
        {
            Issue s => Make.Directive($"D-{id}", ModelsOf(s.Models)!, Persons(s.AllPersons), AtSlot(s.Slot), zone: step % 2 == 0 ? Make.NewYork : "UTC"),
            Amend s => Find<DirectiveIssued>(directives, s.Directive) is { } d
                ? Make.Amendment(d.DirectiveId, $"A-{id}", ModelsOf(s.Models)!, Persons(s.AllPersons), Later(d.EffectiveAt, s.Delay))
                : null,
            Ease s => Find<DirectiveIssued>(directives, s.Directive) is { } d
                ? Make.Easing(d.DirectiveId, $"E-{id}", Released(d, s), Later(d.EffectiveAt, s.Delay), s.Listed, s.Addressee)
                : null,
            Rescind s => Find<DirectiveIssued>(directives, s.Directive) is { } d
                ? Make.Rescission(d.DirectiveId, $"R-{id}", ModelsOf(s.Models), Later(d.EffectiveAt, s.Delay))
                : null,
            Vet s => Find<EasingGranted>(easings, s.Easing) is { } e
                ? Make.Vetting(Organizations[s.Organization], $"V-{id}", e.EasingId, Later(e.EffectiveAt, s.Delay), s.Approved ? Approved : Rejected,
                    s.ExpiresAfter == 0 ? null : Later(e.EffectiveAt, s.Delay + s.ExpiresAfter))
                : null,
            Revoke s => Find<OrganizationVetted>(vettings, s.Vetting) is { } v
                ? Make.Revocation(v.OrganizationId, v.VettingId, Later(v.EffectiveAt, s.Delay))
                : null,
            Suspend s => Suspension($"S-{id}", s),
            Restore s => new AccessRestored($"P-{id}", Models[s.Model], Rows[s.Organization], Classes(s.Classes),
                s.Easing < 70 ? null : Pick(easings, s.Easing), AtSlot(s.Slot)),
            RestoreVetted s => Find<OrganizationVetted>(vettings, s.Vetting) is { } v && Ledger.Known.Find<EasingGranted>(v.EasingId) is { } e
                ? new AccessRestored($"P-{id}", e.Models[s.Model % e.Models.Count], v.OrganizationId, Classes(s.Classes), e.EasingId,
                    Later(new[] { v.EffectiveAt, e.EffectiveAt }.Max(), s.Delay))
                : null,
            VetAgain s => Find<OrganizationVetted>(vettings, s.Vetting) is { } v
                ? v with { VettingId = $"V-{id}", Outcome = s.Approved ? Approved : Rejected, ExpiresAt = null }
                : null,
            AmendAgain s => Find<DirectiveAmended>(amendments, s.Amendment) is { } a
                ? Make.Amendment(a.DirectiveId, $"A-{id}", ModelsOf(s.Models)!, Persons(s.AllPersons), a.EffectiveAt)
                : null,
            Echo s => Pick(providerActs, s.Act) is { } act && Ledger.Known.Find(act)!.Current is IProviderAct earlier
                ? s.Suspend
                    ? new AccessSuspended($"S-{id}", earlier.ModelId, Rows[s.Organization], Classes(s.Classes), earlier.EffectiveAt, "echo")
                    : new AccessRestored($"P-{id}", earlier.ModelId, Rows[s.Organization], Classes(s.Classes), null, earlier.EffectiveAt)
                : null,
            Correct { Target: < 10 } s => Correction($"C-{id}", Organizations[s.Target % Organizations.Length], s),
            Correct { Target: < 50 } s when vettings.Count > 0 => Correction($"C-{id}", Pick(vettings, s.Target)!, s),
            Correct s => Pick(correctable, s.Target) is { } target ? Correction($"C-{id}", target, s) : null,
            _ => (ILedgerFact?)null,
        };
        if (fact is not null)
            Propose(fact);
    }

    private T? Find<T>(List<string> ids, int index) where T : class, ILedgerFact =>
        Pick(ids, index) is { } id ? Ledger.Known.Find<T>(id) : null;

    private static DateTimeOffset Later(DateTimeOffset instant, int slots) => instant.AddHours(6 * slots);

    private static string[] Released(DirectiveIssued directive, Ease s)
    {
        var models = ModelsOf(s.Models)!;
        if (!s.Narrow)
            return models;
        var inScope = models.Intersect(directive.Scope.Models).ToArray();
        return inScope.Length > 0 ? inScope : [directive.Scope.Models[0]];
    }

    private CorrectionRecorded? Correction(string id, string targetId, Correct s)
    {
        var target = Ledger.Known.Find(targetId)!.Current;
        var when = AtSlot(s.Slot);
        (string Field, object? Value)? change = (target, s.Field) switch
        {
            (OrganizationRegistered, _) => ("isAddressee", s.Flag),
            (DirectiveIssued or DirectiveAmended, 0 or 2) => ("effectiveAt", when),
            (DirectiveIssued or DirectiveAmended, _) => ("scope", new DirectiveScope(ModelsOf(Math.Max(1, s.Mask))!, Persons(s.Flag), [])),
            (EasingGranted, 0) => ("effectiveAt", when),
            (EasingGranted, 1) => ("models", ModelsOf(Math.Max(1, s.Mask))),
            (EasingGranted, 2) => ("coversListedOrganizations", s.Flag),
            (EasingGranted, _) => ("coversAddresseeForeignEmployees", s.Flag),
            (DirectiveRescinded, 0 or 2) => ("effectiveAt", when),
            (DirectiveRescinded, _) => ("models", ModelsOf(s.Mask)),
            (OrganizationVetted, 0) => ("effectiveAt", when),
            (OrganizationVetted, 1) => ("expiresAt", s.Flag ? null : when),
            (OrganizationVetted, 2) => ("outcome", s.Flag ? Approved : Rejected),
            (OrganizationVetted, _) => Pick(easings, s.Mask) is { } easing ? ("easingId", easing) : null,
            (IProviderAct, 2) => ("organizationId", Rows[s.Mask % Rows.Length]),
            (IProviderAct, 3) => ("personClasses", Classes(s.Mask % 3 + 1)),
            _ => ("effectiveAt", when),
        };
        return change is { } c
            ? new CorrectionRecorded(id, targetId, "", c.Field, JsonSerializer.SerializeToElement(c.Value, LedgerJson.Options), "random correction")
            : null;
    }

    private static string? Pick(List<string> ids, int index) => ids.Count == 0 ? null : ids[index % ids.Count];

    private static PersonScope Persons(bool all) => all ? PersonScope.AllPersons : PersonScope.ForeignPersons;

    private static string[]? ModelsOf(int mask) =>
        mask == 0 ? null : Models.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    private static PersonClass[] Classes(int mask) =>
        mask switch { 1 => [UsPerson], 2 => [ForeignPerson], _ => [UsPerson, ForeignPerson] };
}
