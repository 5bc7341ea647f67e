using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md 10.9: which suspensions and restorations decide a cell's provider state.</summary>
public class when_the_provider_switches_access
{
    private static readonly DateTimeOffset Noon = Time.At("2026-06-20T12:00Z");
    private static readonly DateTimeOffset Evening = Time.At("2026-06-20T18:00Z");

    private readonly TestLedger ledger = Given.Registered();

    private ProviderState ProviderOf(string organizationId, PersonClass personClass, DateTimeOffset at) =>
        ledger.Evaluate(Mythos, organizationId, personClass, at).Provider;

    [Fact]
    public void nothing_switched_off_means_enabled()
    {
        ProviderOf(WaterCoop, ForeignPerson, Noon).ShouldBe(Enabled);
        ProviderOf(Everyone, UsPerson, Noon).ShouldBe(Enabled);
    }

    [Fact]
    public void a_named_act_covers_only_that_organisation()
    {
        ledger.Given(Make.Suspension("S-1", Mythos, GridDefense, Noon));

        ProviderOf(GridDefense, ForeignPerson, Noon).ShouldBe(Suspended);
        ProviderOf(WaterCoop, ForeignPerson, Noon).ShouldBe(Enabled);
        ProviderOf(Everyone, ForeignPerson, Noon).ShouldBe(Enabled);
        ledger.Evaluate(Fable, GridDefense, ForeignPerson, Noon).Provider.ShouldBe(Enabled);
    }

    [Fact]
    public void an_act_for_everyone_covers_every_registered_organisation_and_everyone_else()
    {
        ledger.Given(Make.Suspension("S-1", Mythos, Everyone, Noon));

        foreach (var organization in new[] { Provider, WaterCoop, GridDefense, Acme, Everyone })
            ProviderOf(organization, UsPerson, Noon).ShouldBe(Suspended, organization);
    }

    [Fact]
    public void an_act_covers_only_the_classes_it_names()
    {
        ledger.Given(Make.Suspension("S-1", Mythos, Everyone, Noon, ForeignPerson));

        ProviderOf(WaterCoop, ForeignPerson, Noon).ShouldBe(Suspended);
        ProviderOf(WaterCoop, UsPerson, Noon).ShouldBe(Enabled);
    }

    [Fact]
    public void the_everyone_row_hears_only_acts_for_everyone()
    {
        ledger.Given(
            Make.Suspension("S-1", Mythos, Everyone, Noon),
            Make.Restoration("R-1", Mythos, WaterCoop, Evening));

        ProviderOf(WaterCoop, ForeignPerson, Evening).ShouldBe(Enabled);
        ProviderOf(Everyone, ForeignPerson, Evening).ShouldBe(Suspended);
        ProviderOf(Acme, ForeignPerson, Evening).ShouldBe(Suspended);
    }

    [Fact]
    public void the_latest_act_by_effective_time_wins_whatever_order_they_were_recorded_in()
    {
        ledger.Given(
            Make.Restoration("R-1", Mythos, WaterCoop, Evening),
            Make.Suspension("S-1", Mythos, Everyone, Noon));

        ProviderOf(WaterCoop, ForeignPerson, Noon).ShouldBe(Suspended);
        ProviderOf(WaterCoop, ForeignPerson, Evening).ShouldBe(Enabled);
    }

    [Fact]
    public void at_the_same_effective_time_the_later_position_wins()
    {
        ledger.Given(
            Make.Suspension("S-1", Mythos, Everyone, Noon),
            Make.Restoration("R-1", Mythos, WaterCoop, Noon),
            Make.Suspension("S-2", Mythos, GridDefense, Noon),
            Make.Restoration("R-2", Mythos, GridDefense, Noon.AddTicks(-1)));

        ProviderOf(WaterCoop, ForeignPerson, Noon).ShouldBe(Enabled);
        ProviderOf(GridDefense, ForeignPerson, Noon).ShouldBe(Suspended);
        ProviderOf(Acme, ForeignPerson, Noon).ShouldBe(Suspended);
    }

    [Fact]
    public void an_act_takes_effect_at_its_effective_time_not_before()
    {
        ledger.Given(Make.Suspension("S-1", Mythos, Everyone, Noon));

        ProviderOf(WaterCoop, ForeignPerson, Noon.AddTicks(-1)).ShouldBe(Enabled);
        ProviderOf(WaterCoop, ForeignPerson, Noon).ShouldBe(Suspended);
    }

    [Fact]
    public void a_suspension_denies_access_even_where_the_law_allows_it()
    {
        ledger.Given(Make.Suspension("S-1", Mythos, Everyone, Noon));

        var verdict = ledger.Evaluate(Mythos, WaterCoop, UsPerson, Noon);

        verdict.State.ShouldBe((Unrestricted, Suspended, Denied));
        verdict.Reasons.ShouldContain("the provider suspended mythos-5 for everyone (S-1, effective 2026-06-20T12:00:00Z)");
    }
}
