using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_vetting_an_organisation
{
    private readonly TestLedger ledger = Given.Eased();

    [Fact]
    public void a_vetting_under_an_unknown_easing_is_422()
    {
        var violation = ledger.Refuses(Make.Vetting(WaterCoop, WaterCoopVetting, "E-2026-06-30-09", VettingsEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "easing-not-found", "easingId"));
    }

    [Fact]
    public void a_vetting_naming_a_directive_as_its_easing_is_422()
    {
        var violation = ledger.Refuses(Make.Vetting(WaterCoop, WaterCoopVetting, Directive, VettingsEffective));

        violation.Rule.ShouldBe("easing-not-found");
    }

    [Fact]
    public void an_expiry_at_the_effective_time_is_422()
    {
        var violation = ledger.Refuses(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective, expiresAt: VettingsEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "expiry-not-after-effect", "expiresAt"));
    }

    [Fact]
    public void an_expiry_before_the_effective_time_is_422()
    {
        var violation = ledger.Refuses(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective, expiresAt: EasingEffective));

        violation.Rule.ShouldBe("expiry-not-after-effect");
    }

    [Fact]
    public void a_vetting_needs_its_easing_to_exist_not_to_be_in_force()
    {
        ledger.Admits(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, Time.At("2026-06-20T00:00Z")));

        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, Time.At("2026-06-21T00:00Z")).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, EasingEffective).Legal.ShouldBe(Eased);
    }
}
