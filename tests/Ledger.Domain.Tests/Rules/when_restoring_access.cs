using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_restoring_access
{
    private const string Restoration = "RST-2026-06-27-01";

    private readonly TestLedger ledger = Given.Eased().Given(
        Make.Suspension(MythosSuspension, Mythos, Everyone, SuspensionEffective));

    [Fact]
    public void a_restoration_for_a_vetted_organisation_is_admitted_and_allows_access()
    {
        ledger.Given(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective));

        ledger.Admits(Make.Restoration(Restoration, Mythos, WaterCoop, Easing, VettedRestored));

        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Access.ShouldBe(Allowed);
    }

    [Fact]
    public void a_restoration_of_a_restricted_model_without_a_vetting_is_422()
    {
        var violation = ledger.Refuses(Make.Restoration(Restoration, Mythos, Acme, DuringTheEasing));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "restoration-not-lawful", "personClasses"));
        violation.Detail.ShouldContain("foreign-person access to mythos-5 for acme-analytics");
        violation.Detail.ShouldContain("has no approved vetting");
    }

    [Fact]
    public void a_restoration_of_us_persons_under_a_foreign_persons_directive_is_admitted()
    {
        ledger.Admits(Make.Restoration(Restoration, Mythos, Acme, DuringTheEasing, UsPerson));

        ledger.Evaluate(Mythos, Acme, UsPerson, DuringTheEasing).Access.ShouldBe(Allowed);
        ledger.Evaluate(Mythos, Acme, ForeignPerson, DuringTheEasing).Access.ShouldBe(Denied);
    }

    [Fact]
    public void a_restoration_after_the_vetting_expired_is_422()
    {
        var expiry = Time.At("2026-06-28T00:00Z");
        ledger.Given(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective, expiresAt: expiry));

        ledger.Refuses(Make.Restoration(Restoration, Mythos, WaterCoop, expiry)).Rule.ShouldBe("restoration-not-lawful");
        ledger.Admits(Make.Restoration(Restoration, Mythos, WaterCoop, expiry.AddTicks(-1)));
    }

    [Fact]
    public void a_restoration_after_the_vetting_was_revoked_is_422()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
            Make.Revocation(WaterCoop, WaterCoopVetting, Time.At("2026-06-27T00:00Z")));

        var violation = ledger.Refuses(Make.Restoration(Restoration, Mythos, WaterCoop, DuringTheEasing));

        (violation.Status, violation.Rule).ShouldBe((422, "restoration-not-lawful"));
        violation.Detail.ShouldContain("was revoked with effect from 2026-06-27T00:00:00Z");
    }

    [Fact]
    public void a_later_rejection_overrides_an_earlier_approval()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
            Make.Vetting(WaterCoop, "V-2026-06-27-01", Easing, Time.At("2026-06-27T00:00Z"), Rejected));

        ledger.Refuses(Make.Restoration(Restoration, Mythos, WaterCoop, DuringTheEasing)).Rule.ShouldBe("restoration-not-lawful");
        ledger.Admits(Make.Restoration(Restoration, Mythos, WaterCoop, VettedRestored));
    }

    [Fact]
    public void a_restoration_for_everyone_while_a_registered_organisation_is_restricted_is_422()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
            Make.Vetting(GridDefense, "V-2026-06-26-02", Easing, VettingsEffective));

        var violation = ledger.Refuses(Make.Restoration(Restoration, Mythos, Everyone, DuringTheEasing));

        (violation.Status, violation.Rule).ShouldBe((422, "restoration-not-lawful"));
        violation.Detail.ShouldContain($"for {Acme}");
    }

    [Fact]
    public void a_restoration_for_everyone_of_a_class_no_directive_covers_is_admitted()
    {
        ledger.Admits(Make.Restoration(Restoration, Mythos, Everyone, DuringTheEasing, UsPerson));

        ledger.Evaluate(Mythos, Everyone, UsPerson, DuringTheEasing).Access.ShouldBe(Allowed);
    }

    [Fact]
    public void a_restoration_for_everyone_after_the_rescission_is_admitted()
    {
        ledger.Given(Make.Rescission(Directive, Rescission, null, RescissionEffective));

        ledger.Admits(Make.Restoration(Restoration, Mythos, Everyone, RescissionEffective));
    }

    [Fact]
    public void a_restoration_naming_an_easing_not_yet_in_force_is_422()
    {
        var violation = ledger.Refuses(Make.Restoration(Restoration, Mythos, Acme, Easing, EasingEffective.AddTicks(-1), UsPerson));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "easing-not-in-force", "easingId"));
    }

    [Fact]
    public void a_restoration_naming_an_easing_of_a_rescinded_directive_is_422()
    {
        ledger.Given(Make.Rescission(Directive, Rescission, null, RescissionEffective));

        var violation = ledger.Refuses(Make.Restoration(Restoration, Mythos, Acme, Easing, AfterTheRescission));

        (violation.Status, violation.Rule).ShouldBe((422, "easing-not-in-force"));
    }

    [Fact]
    public void a_restoration_naming_an_unknown_easing_is_422()
    {
        var violation = ledger.Refuses(Make.Restoration(Restoration, Mythos, Acme, "E-2026-06-30-09", DuringTheEasing, UsPerson));

        (violation.Status, violation.Rule).ShouldBe((422, "easing-not-found"));
    }

    [Fact]
    public void a_restoration_naming_an_easing_that_does_not_release_the_model_is_422()
    {
        var violation = ledger.Refuses(Make.Restoration(Restoration, Fable, Acme, Easing, DuringTheEasing, UsPerson));

        (violation.Status, violation.Rule).ShouldBe((422, "easing-does-not-release-model"));
    }

    [Fact]
    public void a_restoration_for_an_unregistered_organisation_is_422()
    {
        var violation = ledger.Refuses(Make.Restoration(Restoration, Mythos, "unknown-utility", DuringTheEasing, UsPerson));

        (violation.Status, violation.Rule).ShouldBe((422, "organization-not-found"));
    }

    [Fact]
    public void a_restoration_of_an_unregistered_model_is_422()
    {
        var violation = ledger.Refuses(Make.Restoration(Restoration, "gpt-9", Acme, DuringTheEasing, UsPerson));

        (violation.Status, violation.Rule).ShouldBe((422, "model-not-found"));
    }
}
