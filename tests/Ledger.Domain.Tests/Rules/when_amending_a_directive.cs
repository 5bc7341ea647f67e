using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_amending_a_directive
{
    private static readonly DateTimeOffset FableRescinded = Time.At("2026-06-20T00:00Z");

    private readonly TestLedger ledger = Given.Registered().Given(
        Make.Model("gpt-9"),
        Make.Directive(Directive, [Fable, Mythos], ForeignPersons, DirectiveEffective),
        Make.Rescission(Directive, "RSC-2026-06-20-01", [Fable], FableRescinded));

    [Fact]
    public void an_amendment_may_widen_the_scope_to_new_models_and_all_persons()
    {
        ledger.Admits(Make.Amendment(Directive, "A-2026-06-25-01", [Mythos, "gpt-9"], AllPersons, Time.At("2026-06-25T00:00Z")));

        ledger.Evaluate("gpt-9", WaterCoop, UsPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void an_amendment_naming_a_rescinded_model_is_422_because_a_rescission_is_permanent()
    {
        var violation = ledger.Refuses(Make.Amendment(Directive, "A-2026-06-25-01", [Mythos, Fable], AllPersons, Time.At("2026-06-25T00:00Z")));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "model-rescinded", "scope.models[1]"));
    }

    [Fact]
    public void an_amendment_effective_before_the_rescission_may_still_name_the_model()
    {
        ledger.Admits(Make.Amendment(Directive, "A-2026-06-15-01", [Fable, Mythos], AllPersons, Time.At("2026-06-15T00:00Z")));

        ledger.Evaluate(Fable, WaterCoop, UsPerson, Time.At("2026-06-16T00:00Z")).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Fable, WaterCoop, UsPerson, DuringTheEasing).Legal.ShouldBe(Unrestricted);
    }

    [Fact]
    public void an_amendment_naming_an_unregistered_model_is_422()
    {
        var violation = ledger.Refuses(Make.Amendment(Directive, "A-2026-06-25-01", ["gpt-10"], ForeignPersons, Time.At("2026-06-25T00:00Z")));

        (violation.Status, violation.Rule).ShouldBe((422, "model-not-found"));
    }

    [Fact]
    public void an_amendment_before_the_directive_takes_effect_is_422()
    {
        var violation = ledger.Refuses(Make.Amendment(Directive, "A-2026-06-12-01", [Mythos], ForeignPersons, BeforeTheDirective));

        (violation.Status, violation.Rule).ShouldBe((422, "directive-not-in-force"));
    }
}
