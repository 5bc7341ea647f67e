using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md 10.4: the scope in force at T is the latest amendment by (effective time, position) at or before T.</summary>
public class when_a_directive_is_amended
{
    private static readonly DateTimeOffset June20 = Time.At("2026-06-20T00:00Z");
    private static readonly DateTimeOffset June22 = Time.At("2026-06-22T00:00Z");

    private readonly TestLedger ledger = Given.DirectiveInForce();

    [Fact]
    public void a_widening_amendment_restricts_us_persons_from_its_effective_time()
    {
        ledger.Given(Make.Amendment(Directive, "A-1", [Fable, Mythos], AllPersons, June20));

        ledger.Evaluate(Mythos, Acme, UsPerson, June20.AddTicks(-1)).Legal.ShouldBe(Unrestricted);
        ledger.Evaluate(Mythos, Acme, UsPerson, June20).Legal.ShouldBe(Restricted);
        DirectiveEntry.At(ledger.Known, Directive, June20, Withholding.For(ledger.Known, Clearance.Full)).ScopeVersion.ShouldBe(2);
    }

    [Fact]
    public void a_narrowing_amendment_releases_the_models_it_drops()
    {
        ledger.Given(Make.Amendment(Directive, "A-1", [Fable], ForeignPersons, June20));

        ledger.Evaluate(Mythos, Acme, ForeignPerson, June20).Legal.ShouldBe(Unrestricted);
        ledger.Evaluate(Fable, Acme, ForeignPerson, June20).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void the_amendment_with_the_later_effective_time_wins_even_when_recorded_first()
    {
        ledger.Given(
            Make.Amendment(Directive, "A-later", [Mythos], AllPersons, June22),
            Make.Amendment(Directive, "A-earlier", [Fable], ForeignPersons, June20));

        ledger.Evaluate(Mythos, Acme, UsPerson, June22).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Fable, Acme, ForeignPerson, June22).Legal.ShouldBe(Unrestricted);
        ledger.Evaluate(Fable, Acme, ForeignPerson, June20).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Mythos, Acme, ForeignPerson, June20).Legal.ShouldBe(Unrestricted);
    }

    [Fact]
    public void at_the_same_effective_time_the_later_position_wins()
    {
        ledger.Given(
            Make.Amendment(Directive, "A-1", [Mythos], AllPersons, June20),
            Make.Amendment(Directive, "A-2", [Fable], ForeignPersons, June20));

        ledger.Evaluate(Mythos, Acme, ForeignPerson, June20).Legal.ShouldBe(Unrestricted);
        ledger.Evaluate(Fable, Acme, ForeignPerson, June20).Legal.ShouldBe(Restricted);
        DirectiveEntry.At(ledger.Known, Directive, June20, Withholding.For(ledger.Known, Clearance.Full)).Scope.Models.ShouldBe([Fable]);
    }

    [Fact]
    public void the_basis_names_the_amendment_that_set_the_scope()
    {
        ledger.Given(Make.Amendment(Directive, "A-1", [Mythos], AllPersons, June20));

        ledger.Evaluate(Mythos, Acme, UsPerson, June22).Basis.Select(b => (b.EventId, b.Type))
            .ShouldBe([(Directive, "directive-issued.v2"), ("A-1", "directive-amended.v1")]);
    }
}
