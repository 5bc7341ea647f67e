using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_rescinding_a_directive
{
    private readonly TestLedger ledger = Given.Registered().Given(
        Make.Model("gpt-9"),
        Make.Directive(Directive, [Fable, Mythos], ForeignPersons, DirectiveEffective));

    [Fact]
    public void a_partial_rescission_leaves_the_directive_in_force_for_the_other_models()
    {
        ledger.Admits(Make.Rescission(Directive, Rescission, [Fable], RescissionEffective));

        var entry = DirectiveEntry.At(ledger.Known, Directive, AfterTheRescission, Withholding.For(ledger.Known, Clearance.Full));
        entry.Status.ShouldBe(DirectiveStatus.PartiallyRescinded);
        entry.RescindedModels.ShouldBe([Fable]);
        ledger.Evaluate(Mythos, Acme, ForeignPerson, AfterTheRescission).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Fable, Acme, ForeignPerson, AfterTheRescission).Legal.ShouldBe(Unrestricted);
    }

    [Fact]
    public void rescinding_every_model_by_name_ends_the_directive()
    {
        ledger.Given(Make.Rescission(Directive, "RSC-2026-06-20-01", [Fable], Time.At("2026-06-20T00:00Z")));
        ledger.Admits(Make.Rescission(Directive, Rescission, [Mythos], RescissionEffective));

        DirectiveEntry.At(ledger.Known, Directive, AfterTheRescission, Withholding.For(ledger.Known, Clearance.Full)).Status.ShouldBe(DirectiveStatus.Rescinded);
        ledger.Refuses(Make.Easing(Directive, Easing, [Mythos], AfterTheRescission)).Rule.ShouldBe("directive-not-in-force");
    }

    [Fact]
    public void a_rescission_of_a_model_outside_the_scope_is_422()
    {
        var violation = ledger.Refuses(Make.Rescission(Directive, Rescission, ["gpt-9"], RescissionEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "rescission-outside-scope", "models[0]"));
    }

    [Fact]
    public void a_rescission_of_a_model_already_rescinded_is_422()
    {
        ledger.Given(Make.Rescission(Directive, "RSC-2026-06-20-01", [Fable], Time.At("2026-06-20T00:00Z")));

        var violation = ledger.Refuses(Make.Rescission(Directive, Rescission, [Fable], RescissionEffective));

        (violation.Status, violation.Rule).ShouldBe((422, "rescission-outside-scope"));
    }

    [Fact]
    public void a_rescission_of_a_directive_already_rescinded_is_422()
    {
        ledger.Given(Make.Rescission(Directive, Rescission, null, RescissionEffective));

        var violation = ledger.Refuses(Make.Rescission(Directive, "RSC-2026-07-02-01", null, Time.At("2026-07-02T00:00Z")));

        (violation.Status, violation.Rule).ShouldBe((422, "directive-not-in-force"));
    }
}
