using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_easing_a_directive
{
    private readonly TestLedger ledger = Given.Registered().Given(
        Make.Model("gpt-9"),
        Make.Directive(Directive, [Fable, Mythos], ForeignPersons, DirectiveEffective));

    [Fact]
    public void an_easing_inside_the_scope_in_force_is_admitted()
    {
        ledger.Admits(Make.Easing(Directive, Easing, [Fable, Mythos], EasingEffective));

        DirectiveEntry.At(ledger.Known, Directive, DuringTheEasing, Withholding.For(ledger.Known, Clearance.Full)).Status.ShouldBe(DirectiveStatus.Eased);
    }

    [Fact]
    public void an_easing_of_a_model_outside_the_scope_is_422()
    {
        var violation = ledger.Refuses(Make.Easing(Directive, Easing, [Mythos, "gpt-9"], EasingEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "easing-outside-scope", "models[1]"));
    }

    [Fact]
    public void an_easing_of_a_model_dropped_by_an_amendment_is_422()
    {
        ledger.Given(Make.Amendment(Directive, "A-2026-06-20-01", [Fable], ForeignPersons, Time.At("2026-06-20T00:00Z")));

        var violation = ledger.Refuses(Make.Easing(Directive, Easing, [Mythos], EasingEffective));

        (violation.Status, violation.Rule).ShouldBe((422, "easing-outside-scope"));
    }

    [Fact]
    public void an_easing_of_a_model_already_rescinded_is_422()
    {
        ledger.Given(Make.Rescission(Directive, "RSC-2026-06-20-01", [Mythos], Time.At("2026-06-20T00:00Z")));

        var violation = ledger.Refuses(Make.Easing(Directive, Easing, [Mythos], EasingEffective));

        (violation.Status, violation.Rule).ShouldBe((422, "easing-outside-scope"));
    }

    [Fact]
    public void an_easing_effective_before_the_directive_is_422()
    {
        var violation = ledger.Refuses(Make.Easing(Directive, Easing, [Mythos], BeforeTheDirective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "directive-not-in-force", "effectiveAt"));
        violation.Detail.ShouldContain("takes effect only at 2026-06-12T21:21:00Z");
    }

    [Fact]
    public void an_easing_of_a_pending_directive_is_422()
    {
        ledger.Given(Make.Directive("D-2026-09-01-01", [Fable], ForeignPersons, Time.At("2026-09-01T00:00Z"), receivedAt: Time.At("2026-08-14T00:00Z")));

        var violation = ledger.Refuses(Make.Easing("D-2026-09-01-01", "E-2026-08-20-01", [Fable], Time.At("2026-08-20T00:00Z"), receivedAt: Time.At("2026-08-14T00:00Z")));

        (violation.Status, violation.Rule).ShouldBe((422, "directive-not-in-force"));
    }

    [Fact]
    public void an_easing_after_the_directive_was_rescinded_is_422()
    {
        ledger.Given(Make.Rescission(Directive, Rescission, null, RescissionEffective));

        var violation = ledger.Refuses(Make.Easing(Directive, Easing, [Mythos], AfterTheRescission));

        (violation.Status, violation.Rule).ShouldBe((422, "directive-not-in-force"));
        violation.Detail.ShouldContain("is rescinded by 2026-07-01T15:00:00Z");
    }

    [Fact]
    public void an_easing_that_names_no_model_is_400()
    {
        var violation = ledger.Refuses(Make.Easing(Directive, Easing, [], EasingEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "empty-list", "models"));
    }
}
