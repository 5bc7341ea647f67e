using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_if_match_names_a_stream_version
{
    private readonly TestLedger ledger = Given.DirectiveInForce();

    [Fact]
    public void an_easing_naming_the_directives_version_is_admitted_and_moves_it_on()
    {
        ledger.Admits(Make.Easing(Directive, Easing, [Mythos], EasingEffective), expectedVersion: 1);

        ledger.Known.VersionOf(Directive).ShouldBe(2);
        var violation = ledger.Refuses(Make.Rescission(Directive, Rescission, null, RescissionEffective), expectedVersion: 1);
        (violation.Status, violation.Rule, violation.Field).ShouldBe((412, "stream-version-mismatch", "If-Match"));
        violation.Detail.ShouldContain($"stream {Directive} is at version 2, not 1");
    }

    [Fact]
    public void a_stale_version_writes_nothing()
    {
        ledger.Refuses(Make.Easing(Directive, Easing, [Mythos], EasingEffective), expectedVersion: 0).Status.ShouldBe(412);

        ledger.Known.Find(Easing).ShouldBeNull();
        ledger.Known.VersionOf(Directive).ShouldBe(1);
    }

    [Fact]
    public void vettings_and_revocations_append_to_the_organisations_stream()
    {
        ledger.Given(Make.Easing(Directive, Easing, [Mythos], EasingEffective));

        ledger.Admits(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective), expectedVersion: 1);
        ledger.Admits(Make.Revocation(WaterCoop, WaterCoopVetting, DuringTheEasing), expectedVersion: 2);

        ledger.Known.VersionOf(WaterCoop).ShouldBe(3);
    }

    [Fact]
    public void suspensions_append_to_the_models_access_stream_not_to_its_registration()
    {
        ledger.Known.VersionOf(Mythos).ShouldBe(1);

        ledger.Refuses(Make.Suspension(MythosSuspension, Mythos, Everyone, SuspensionEffective), expectedVersion: 1).Status.ShouldBe(412);
        ledger.Admits(Make.Suspension(MythosSuspension, Mythos, Everyone, SuspensionEffective), expectedVersion: 0);

        ledger.Known.VersionOf(FactIds.AccessStream(Mythos)).ShouldBe(1);
        ledger.Known.VersionOf(Mythos).ShouldBe(1);
    }

    [Fact]
    public void a_correction_appends_to_its_targets_stream()
    {
        ledger.Refuses(Make.Correction("C-2026-06-14-01", Directive, "channel", "registered mail"), expectedVersion: 0).Status.ShouldBe(412);
        ledger.Admits(Make.Correction("C-2026-06-14-01", Directive, "channel", "registered mail"), expectedVersion: 1);

        ledger.RecordOf("C-2026-06-14-01").Fact.StreamId.ShouldBe(Directive);
        ledger.Known.VersionOf(Directive).ShouldBe(2);
    }
}
