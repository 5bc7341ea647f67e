using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md 10.20: <c>since</c> is the start of the unbroken stretch of the same state that contains asOf.</summary>
public class when_asking_since_when_a_cell_has_been_so
{
    private readonly TestLedger ledger = Recorded();

    private DateTimeOffset? Since(string model, string organization, PersonClass personClass, DateTimeOffset at) =>
        Stretch.Since(ledger.Known, model, organization, personClass, at);

    [Fact]
    public void a_vetted_organisations_foreign_persons_are_allowed_since_their_restoration()
    {
        Since(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).ShouldBe(VettedRestored);
        ledger.Cell(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Since.ShouldBe(VettedRestored);
    }

    [Fact]
    public void a_vetted_organisations_us_persons_are_allowed_since_their_restoration()
    {
        Since(Mythos, WaterCoop, UsPerson, DuringTheEasing).ShouldBe(VettedRestored);
    }

    [Fact]
    public void the_addressees_foreign_employees_are_allowed_since_its_restoration()
    {
        Since(Mythos, Provider, ForeignPerson, DuringTheEasing).ShouldBe(ProviderRestored);
    }

    [Fact]
    public void a_cell_that_has_always_been_allowed_has_no_since()
    {
        Since(Fable, Everyone, UsPerson, BeforeTheDirective).ShouldBeNull();
        ledger.Cell(Fable, Everyone, UsPerson, BeforeTheDirective).Since.ShouldBeNull();
    }

    [Fact]
    public void an_unvetted_organisations_foreign_persons_are_denied_since_the_suspension()
    {
        Since(Mythos, Acme, ForeignPerson, DuringTheEasing).ShouldBe(SuspensionEffective);
    }

    [Fact]
    public void a_change_of_legal_state_alone_starts_a_new_stretch()
    {
        Since(Mythos, Acme, ForeignPerson, Time.At("2026-06-13T00:00Z")).ShouldBe(DirectiveEffective);
        Since(Mythos, WaterCoop, ForeignPerson, VettingsEffective).ShouldBe(VettingsEffective);
    }

    [Fact]
    public void everyone_is_allowed_again_since_the_rescission()
    {
        Since(Fable, Everyone, ForeignPerson, AfterTheRescission).ShouldBe(RescissionEffective);
        Since(Mythos, WaterCoop, ForeignPerson, AfterTheRescission).ShouldBe(RescissionEffective);
    }

    [Fact]
    public void since_is_the_instant_itself_when_the_cell_changes_exactly_then()
    {
        Since(Fable, Acme, UsPerson, SuspensionEffective).ShouldBe(SuspensionEffective);
    }
}
