using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

/// <summary>A rescission is judged against the facts known now, which must not include the very fact being corrected.</summary>
public class when_correcting_a_rescission
{
    private const string Correction = "C-2026-07-02-01";

    private readonly TestLedger ledger = Given.DirectiveInForce();

    [Fact]
    public void the_models_of_a_partial_rescission_can_be_widened_to_the_rest_of_the_scope()
    {
        ledger.Given(Make.Rescission(Directive, Rescission, [Fable], RescissionEffective));

        ledger.Admits(Make.Correction(Correction, Rescission, "models", new[] { Fable, Mythos }));

        ledger.Evaluate(Mythos, Acme, ForeignPerson, AfterTheRescission).Legal.ShouldBe(Unrestricted);
    }

    [Fact]
    public void a_full_rescission_can_be_moved_later()
    {
        ledger.Given(Make.Rescission(Directive, Rescission, null, RescissionEffective));

        ledger.Admits(Make.Correction(Correction, Rescission, "effectiveAt", Time.At("2026-07-02T14:00Z")));

        ledger.Evaluate(Mythos, Acme, ForeignPerson, Time.At("2026-07-02T00:00Z")).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void a_full_rescission_can_be_moved_earlier()
    {
        ledger.Given(Make.Rescission(Directive, Rescission, null, RescissionEffective));

        ledger.Admits(Make.Correction(Correction, Rescission, "effectiveAt", Time.At("2026-06-30T14:00Z")));

        ledger.Evaluate(Mythos, Acme, ForeignPerson, Time.At("2026-06-30T15:00Z")).Legal.ShouldBe(Unrestricted);
    }
}
