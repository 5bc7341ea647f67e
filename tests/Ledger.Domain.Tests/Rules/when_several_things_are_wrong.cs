using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

/// <summary>Product.md 10.16: 400 shape, 404 path, 412 version, 409 duplicate, 422 rule; the first wins.</summary>
public class when_several_things_are_wrong
{
    private readonly TestLedger ledger = Given.Eased().Given(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective));

    [Fact]
    public void a_malformed_id_on_an_unknown_directive_is_400()
    {
        var violation = ledger.Refuses(Make.Easing("D-2026-06-30-09", "not an id", [Mythos], DuringTheEasing), expectedVersion: 7);

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "invalid-id", "easingId"));
    }

    [Fact]
    public void an_unknown_directive_with_a_stale_version_is_404()
    {
        var violation = ledger.Refuses(Make.Easing("D-2026-06-30-09", Easing, [Fable], DuringTheEasing), expectedVersion: 7);

        violation.Status.ShouldBe(404);
    }

    [Fact]
    public void a_reused_id_with_a_stale_version_is_412()
    {
        var violation = ledger.Refuses(Make.Easing(Directive, Easing, [Mythos], DuringTheEasing), expectedVersion: 1);

        violation.Status.ShouldBe(412);
    }

    [Fact]
    public void a_reused_id_that_also_breaks_a_rule_is_409()
    {
        var violation = ledger.Refuses(Make.Easing(Directive, WaterCoopVetting, ["gpt-9"], DuringTheEasing), expectedVersion: 2);

        violation.Status.ShouldBe(409);
    }

    [Fact]
    public void a_stale_version_that_also_breaks_a_rule_is_412()
    {
        var violation = ledger.Refuses(Make.Easing(Directive, "E-2026-06-30-01", ["gpt-9"], DuringTheEasing), expectedVersion: 1);

        violation.Status.ShouldBe(412);
    }

    [Fact]
    public void a_correction_of_an_unknown_field_with_a_stale_version_is_400()
    {
        var violation = ledger.Refuses(Make.Correction("C-2026-06-30-01", WaterCoopVetting, "colour", "green"), expectedVersion: 1);

        (violation.Status, violation.Rule).ShouldBe((400, "unknown-field"));
    }

    [Fact]
    public void a_correction_of_an_unknown_field_with_a_reused_id_is_400()
    {
        var violation = ledger.Refuses(Make.Correction(Easing, WaterCoopVetting, "colour", "green"));

        (violation.Status, violation.Rule).ShouldBe((400, "unknown-field"));
    }

    [Fact]
    public void a_correction_with_a_value_of_the_wrong_type_and_a_reused_id_is_400()
    {
        var violation = ledger.Refuses(Make.Correction(Easing, WaterCoopVetting, "effectiveAt", 42));

        (violation.Status, violation.Rule).ShouldBe((400, "invalid-value"));
    }
}
