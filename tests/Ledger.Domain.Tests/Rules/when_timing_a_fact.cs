using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_timing_a_fact
{
    private readonly TestLedger ledger = Given.Registered();

    private static DirectiveIssued Received(DateTimeOffset receivedAt, string zone = Make.NewYork) =>
        Make.Directive(Directive, [Mythos], ForeignPersons, DirectiveEffective, receivedAt, zone);

    [Fact]
    public void a_received_time_in_utc_is_admitted_and_stored_at_the_zones_offset()
    {
        var stored = ledger.Admits(Received(Time.At("2026-06-12T21:21Z"))).ShouldBeOfType<DirectiveIssued>();

        stored.ReceivedAt.ShouldBe(Time.At("2026-06-12T21:21Z"));
        stored.ReceivedAt.Offset.ShouldBe(TimeSpan.FromHours(-4));
        stored.ReceivedAt.DateTime.ShouldBe(new DateTime(2026, 6, 12, 17, 21, 0));
    }

    [Fact]
    public void a_received_time_in_winter_is_stored_at_the_winter_offset()
    {
        var stored = ledger.Admits(Make.Directive(Directive, [Mythos], ForeignPersons, Time.At("2026-01-15T22:00Z"))).ShouldBeOfType<DirectiveIssued>();

        stored.ReceivedAt.Offset.ShouldBe(TimeSpan.FromHours(-5));
        stored.ReceivedAt.DateTime.ShouldBe(new DateTime(2026, 1, 15, 17, 0, 0));
    }

    [Fact]
    public void a_received_time_at_the_zones_own_offset_is_admitted()
    {
        ledger.Admits(Received(Time.At("2026-06-12T23:21+02:00"), "Europe/Paris"));

        ledger.Known.Find<DirectiveIssued>(Directive)!.ReceivedAt.Offset.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void a_received_time_at_another_offset_than_the_zones_is_400()
    {
        var violation = ledger.Refuses(Received(Time.At("2026-06-12T16:21-05:00")));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "received-offset-mismatch", "receivedAt"));
        violation.Detail.ShouldContain("America/New_York was at -04:00");
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("EST")]
    [InlineData("")]
    public void a_received_time_zone_that_is_not_iana_is_400(string zone)
    {
        var violation = ledger.Refuses(Received(DirectiveEffective, zone));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "invalid-time-zone", "receivedTimeZone"));
    }

    [Fact]
    public void a_received_time_more_than_five_minutes_after_the_recording_is_400()
    {
        ledger.RecordingAt(Time.At("2026-06-12T21:00Z"));

        var violation = ledger.Refuses(Received(Time.At("2026-06-12T21:05:01Z")));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "received-in-future", "receivedAt"));
    }

    [Fact]
    public void a_received_time_within_five_minutes_of_clock_skew_is_admitted()
    {
        ledger.RecordingAt(Time.At("2026-06-12T21:00Z"));

        ledger.Admits(Received(Time.At("2026-06-12T21:05Z")));
    }

    [Fact]
    public void an_effective_time_before_1970_is_400()
    {
        var violation = ledger.Refuses(Make.Suspension(MythosSuspension, Mythos, Everyone, Time.At("1969-12-31T23:59:59Z")));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "instant-out-of-range", "effectiveAt"));
    }

    [Fact]
    public void an_effective_time_more_than_ten_years_ahead_is_400()
    {
        var violation = ledger.Refuses(Make.Suspension(MythosSuspension, Mythos, Everyone, ledger.Now.AddYears(10).AddSeconds(1)));

        (violation.Status, violation.Rule).ShouldBe((400, "instant-out-of-range"));
    }

    [Fact]
    public void the_bounds_themselves_are_admitted()
    {
        ledger.Admits(Make.Suspension("S-1970", Mythos, Everyone, Time.At("1970-01-01T00:00Z")));
        ledger.Admits(Make.Suspension("S-2036", Mythos, Everyone, ledger.Now.AddYears(10)));
    }

    [Fact]
    public void an_expiry_more_than_ten_years_ahead_is_400()
    {
        ledger.Given(
            Make.Directive(Directive, [Mythos], ForeignPersons, DirectiveEffective),
            Make.Easing(Directive, Easing, [Mythos], EasingEffective));

        var violation = ledger.Refuses(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective, expiresAt: Time.At("2040-01-01T00:00Z")));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "instant-out-of-range", "expiresAt"));
    }
}
