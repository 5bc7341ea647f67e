using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_an_id_is_reused
{
    private readonly TestLedger ledger = Given.Eased().Given(
        Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
        Make.Suspension(MythosSuspension, Mythos, Everyone, SuspensionEffective));

    [Fact]
    public void a_directive_cannot_take_a_models_id()
    {
        var violation = ledger.Refuses(Make.Directive(Mythos, [Fable], ForeignPersons, DirectiveEffective));

        violation.Status.ShouldBe(409);
        violation.Rule.ShouldBe("duplicate-id");
        violation.Field.ShouldBe("directiveId");
        violation.Detail.ShouldContain("model-registered.v1");
    }

    [Fact]
    public void an_organisation_cannot_take_a_directives_id()
    {
        var violation = ledger.Refuses(Make.Organization(Directive));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((409, "duplicate-id", "organizationId"));
    }

    [Fact]
    public void an_easing_cannot_take_an_organisations_id()
    {
        var violation = ledger.Refuses(Make.Easing(Directive, Acme, [Mythos], EasingEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((409, "duplicate-id", "easingId"));
    }

    [Fact]
    public void a_vetting_cannot_take_an_easings_id()
    {
        var violation = ledger.Refuses(Make.Vetting(GridDefense, Easing, Easing, VettingsEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((409, "duplicate-id", "vettingId"));
    }

    [Fact]
    public void a_restoration_cannot_take_a_suspensions_id()
    {
        var violation = ledger.Refuses(Make.Restoration(MythosSuspension, Mythos, Provider, DuringTheEasing));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((409, "duplicate-id", "restorationId"));
    }

    [Fact]
    public void a_correction_cannot_take_a_vettings_id()
    {
        var violation = ledger.Refuses(Make.Correction(WaterCoopVetting, MythosSuspension, "reason", "typo"));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((409, "duplicate-id", "correctionId"));
    }

    [Fact]
    public void the_same_fact_proposed_twice_is_refused_the_second_time()
    {
        var violation = ledger.Refuses(Make.Suspension(MythosSuspension, Mythos, Everyone, SuspensionEffective));

        violation.Status.ShouldBe(409);
        ledger.Recorded.Count(r => r.Fact is AccessSuspended).ShouldBe(1);
    }
}
