using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md 10.6: what an easing releases, and for whom.</summary>
public class when_an_easing_releases_a_model
{
    [Fact]
    public void everyone_not_registered_is_never_eased()
    {
        var ledger = Given.Eased(AllPersons).Given(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective));

        ledger.Evaluate(Mythos, Everyone, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Mythos, Everyone, UsPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Mythos, Everyone, ForeignPerson, DuringTheEasing).Reasons
            .ShouldContain($"easing {Easing} releases mythos-5 only for organisations on its annex, never for everyone else");
    }

    [Fact]
    public void the_addressee_clause_releases_only_the_addressees_foreign_persons()
    {
        var ledger = Given.Eased(AllPersons, listed: false, addressee: true);

        ledger.Evaluate(Mythos, Provider, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
        ledger.Evaluate(Mythos, Provider, UsPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void the_addressee_clause_does_not_release_a_vetted_organisation()
    {
        var ledger = Given.Eased(ForeignPersons, listed: false, addressee: true)
            .Given(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective));

        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void the_listed_clause_releases_every_class_of_a_vetted_organisation()
    {
        var ledger = Given.Eased(AllPersons, listed: true, addressee: false)
            .Given(Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective));

        ledger.Evaluate(Mythos, WaterCoop, UsPerson, DuringTheEasing).Legal.ShouldBe(Eased);
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
        ledger.Evaluate(Mythos, Provider, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void several_addressees_are_each_released()
    {
        var ledger = Given.Registered()
            .Given(Make.Organization("frontier-ai-eu", addressee: true))
            .Given(Make.Directive(Directive, [Mythos], ForeignPersons, DirectiveEffective))
            .Given(Make.Easing(Directive, Easing, [Mythos], EasingEffective, listed: false, addressee: true));

        ledger.Evaluate(Mythos, Provider, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
        ledger.Evaluate(Mythos, "frontier-ai-eu", ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
    }

    [Fact]
    public void an_easing_releases_only_the_models_it_names()
    {
        var ledger = Given.Eased();

        ledger.Evaluate(Fable, Provider, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Mythos, Provider, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
    }

    [Fact]
    public void an_easing_releases_nothing_before_its_effective_time()
    {
        var ledger = Given.Eased();

        ledger.Evaluate(Mythos, Provider, ForeignPerson, EasingEffective.AddTicks(-1)).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Mythos, Provider, ForeignPerson, EasingEffective).Legal.ShouldBe(Eased);
    }
}
