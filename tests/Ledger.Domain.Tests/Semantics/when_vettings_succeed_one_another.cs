using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md 10.7: the latest decision by (effective time, position) decides; nothing falls back.</summary>
public class when_vettings_succeed_one_another
{
    private static readonly DateTimeOffset June27 = Time.At("2026-06-27T00:00Z");
    private static readonly DateTimeOffset June28 = Time.At("2026-06-28T00:00Z");
    private static readonly DateTimeOffset June29 = Time.At("2026-06-29T00:00Z");

    private readonly TestLedger ledger = Given.Eased();

    private LegalState WaterCoopAt(DateTimeOffset at) => ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, at).Legal;

    [Fact]
    public void an_approval_lists_the_organisation_until_it_expires()
    {
        ledger.Given(Make.Vetting(WaterCoop, "V-1", Easing, VettingsEffective, expiresAt: June28));

        WaterCoopAt(VettingsEffective.AddTicks(-1)).ShouldBe(Restricted);
        WaterCoopAt(VettingsEffective).ShouldBe(Eased);
        WaterCoopAt(June28.AddTicks(-1)).ShouldBe(Eased);
        WaterCoopAt(June28).ShouldBe(Restricted);
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, June28).Reasons
            .ShouldContain($"easing {Easing} releases mythos-5 but vetting V-1 of {WaterCoop} expired at 2026-06-28T00:00:00Z");
    }

    [Fact]
    public void a_later_rejection_overrides_an_earlier_approval()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, "V-1", Easing, VettingsEffective),
            Make.Vetting(WaterCoop, "V-2", Easing, June27, Rejected));

        WaterCoopAt(June27.AddTicks(-1)).ShouldBe(Eased);
        WaterCoopAt(June27).ShouldBe(Restricted);
    }

    [Fact]
    public void a_later_approval_overrides_an_earlier_rejection()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, "V-1", Easing, VettingsEffective, Rejected),
            Make.Vetting(WaterCoop, "V-2", Easing, June27));

        WaterCoopAt(June27.AddTicks(-1)).ShouldBe(Restricted);
        WaterCoopAt(June27).ShouldBe(Eased);
    }

    [Fact]
    public void an_expired_approval_does_not_fall_back_to_an_older_one()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, "V-1", Easing, VettingsEffective),
            Make.Vetting(WaterCoop, "V-2", Easing, June27, expiresAt: June28));

        WaterCoopAt(June29).ShouldBe(Restricted);
    }

    [Fact]
    public void a_revoked_approval_does_not_fall_back_to_an_older_one()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, "V-1", Easing, VettingsEffective),
            Make.Vetting(WaterCoop, "V-2", Easing, June27),
            Make.Revocation(WaterCoop, "V-2", June28));

        WaterCoopAt(June28).ShouldBe(Restricted);
    }

    [Fact]
    public void the_decision_with_the_later_effective_time_wins_even_when_recorded_first()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, "V-2", Easing, June27),
            Make.Vetting(WaterCoop, "V-1", Easing, VettingsEffective, Rejected));

        WaterCoopAt(VettingsEffective).ShouldBe(Restricted);
        WaterCoopAt(June27).ShouldBe(Eased);
    }

    [Fact]
    public void at_the_same_effective_time_the_later_position_wins()
    {
        ledger.Given(
            Make.Vetting(WaterCoop, "V-1", Easing, June27),
            Make.Vetting(WaterCoop, "V-2", Easing, June27, Rejected));

        WaterCoopAt(June27).ShouldBe(Restricted);
    }
}
