using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_revoking_a_vetting
{
    private const string Rejection = "V-2026-06-26-09";

    private readonly TestLedger ledger = Given.Eased().Given(
        Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
        Make.Vetting(Acme, Rejection, Easing, VettingsEffective, Rejected));

    [Fact]
    public void a_revocation_takes_the_organisation_off_the_annex_from_its_effective_time()
    {
        ledger.Admits(Make.Revocation(WaterCoop, WaterCoopVetting, DuringTheEasing));

        ledger.RecordOf($"{WaterCoopVetting}:revocation").Fact.ShouldBeOfType<VettingRevoked>();
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing.AddTicks(-1)).Legal.ShouldBe(Eased);
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void a_revocation_of_a_rejected_vetting_is_422()
    {
        var violation = ledger.Refuses(Make.Revocation(Acme, Rejection, DuringTheEasing));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "vetting-not-approved", "vettingId"));
    }

    [Fact]
    public void a_revocation_before_the_vetting_took_effect_is_422()
    {
        var violation = ledger.Refuses(Make.Revocation(WaterCoop, WaterCoopVetting, VettingsEffective.AddTicks(-1)));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "revocation-before-vetting", "effectiveAt"));
    }

    [Fact]
    public void a_revocation_at_the_instant_the_vetting_took_effect_is_admitted()
    {
        ledger.Admits(Make.Revocation(WaterCoop, WaterCoopVetting, VettingsEffective));

        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, VettingsEffective).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void a_second_revocation_is_409()
    {
        ledger.Given(Make.Revocation(WaterCoop, WaterCoopVetting, DuringTheEasing));

        var violation = ledger.Refuses(Make.Revocation(WaterCoop, WaterCoopVetting, AfterTheRescission));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((409, "duplicate-id", "vettingId"));
    }
}
