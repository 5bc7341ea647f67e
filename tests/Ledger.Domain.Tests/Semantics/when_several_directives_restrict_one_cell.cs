using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md 10.8: a cell is eased only when every directive restricting it is eased for it.</summary>
public class when_several_directives_restrict_one_cell
{
    private const string Second = "D-2026-06-20-01";
    private const string SecondEasing = "E-2026-06-26-02";

    private readonly TestLedger ledger = Given.Eased().Given(
        Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
        Make.Directive(Second, [Mythos], AllPersons, Time.At("2026-06-20T00:00Z")));

    [Fact]
    public void easing_one_of_them_leaves_the_cell_restricted()
    {
        var verdict = ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing);

        verdict.Legal.ShouldBe(Restricted);
        verdict.Basis.Select(b => b.EventId).ShouldContain(Directive);
        verdict.Basis.Select(b => b.EventId).ShouldContain(Second);
    }

    [Fact]
    public void easing_every_one_of_them_eases_the_cell()
    {
        ledger.Given(
            Make.Easing(Second, SecondEasing, [Mythos], EasingEffective),
            Make.Vetting(WaterCoop, "V-2026-06-26-02", SecondEasing, VettingsEffective));

        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
        ledger.Evaluate(Mythos, WaterCoop, UsPerson, DuringTheEasing).Legal.ShouldBe(Eased);
    }

    [Fact]
    public void a_vetting_under_one_easing_does_not_list_the_organisation_under_another()
    {
        ledger.Given(Make.Easing(Second, SecondEasing, [Mythos], EasingEffective));

        ledger.Evaluate(Mythos, WaterCoop, UsPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void the_addressee_is_eased_when_both_easings_cover_its_foreign_employees()
    {
        ledger.Given(Make.Easing(Second, SecondEasing, [Mythos], EasingEffective, listed: false, addressee: true));

        ledger.Evaluate(Mythos, Provider, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
        ledger.Evaluate(Mythos, Provider, UsPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }
}
