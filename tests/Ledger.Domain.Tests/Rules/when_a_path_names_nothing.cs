using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_a_path_names_nothing
{
    private readonly TestLedger ledger = Given.Eased().Given(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective));

    [Fact]
    public void an_easing_of_an_unknown_directive_is_404()
    {
        var violation = ledger.Refuses(Make.Easing("D-2026-06-30-09", "E-2026-06-30-01", [Mythos], DuringTheEasing));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((404, "directive-not-found", "directiveId"));
    }

    [Fact]
    public void an_amendment_of_an_unknown_directive_is_404()
    {
        var violation = ledger.Refuses(Make.Amendment("D-2026-06-30-09", "A-2026-06-30-01", [Mythos], ForeignPersons, DuringTheEasing));

        (violation.Status, violation.Rule).ShouldBe((404, "directive-not-found"));
    }

    [Fact]
    public void a_rescission_of_an_unknown_directive_is_404()
    {
        var violation = ledger.Refuses(Make.Rescission("D-2026-06-30-09", "RSC-2026-06-30-01", null, DuringTheEasing));

        (violation.Status, violation.Rule).ShouldBe((404, "directive-not-found"));
    }

    [Fact]
    public void a_path_naming_a_fact_of_another_kind_is_404()
    {
        var violation = ledger.Refuses(Make.Easing(Mythos, "E-2026-06-30-01", [Mythos], DuringTheEasing));

        (violation.Status, violation.Rule).ShouldBe((404, "directive-not-found"));
    }

    [Fact]
    public void a_vetting_of_an_unregistered_organisation_is_404()
    {
        var violation = ledger.Refuses(Make.Vetting("unknown-utility", "V-2026-06-30-01", Easing, DuringTheEasing));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((404, "organization-not-found", "organizationId"));
    }

    [Fact]
    public void a_revocation_of_an_unknown_vetting_is_404()
    {
        var violation = ledger.Refuses(Make.Revocation(WaterCoop, "V-2026-06-30-09", DuringTheEasing));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((404, "vetting-not-found", "vettingId"));
    }

    [Fact]
    public void a_revocation_through_an_organisation_that_does_not_hold_the_vetting_is_404()
    {
        var violation = ledger.Refuses(Make.Revocation(GridDefense, WaterCoopVetting, DuringTheEasing));

        (violation.Status, violation.Rule).ShouldBe((404, "vetting-not-found"));
    }

    [Fact]
    public void a_revocation_through_an_unregistered_organisation_is_404()
    {
        var violation = ledger.Refuses(Make.Revocation("unknown-utility", WaterCoopVetting, DuringTheEasing));

        (violation.Status, violation.Rule).ShouldBe((404, "organization-not-found"));
    }
}
