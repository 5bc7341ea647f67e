using Ledger.Api.Security;

namespace Ledger.Console.Tests.Accessibility;

/// <summary>axe-core, run inside the page, finds no serious or critical violation on any view (results also in .local/test-results/console/axe.txt).</summary>
[Collection(ConsoleLedgerCollection.Name)]
public sealed class when_axe_checks_each_view(ConsoleLedger ledger)
{
    [Theory]
    [InlineData("/?asOf=2026-06-27T12:00:00Z", "td[data-model]")]
    [InlineData("/?view=timeline&model=mythos-5&org=us-water-coop", "li[data-event]")]
    [InlineData("/?view=integrity", "#tree-size")]
    public async Task no_serious_or_critical_violation(string path, string ready)
    {
        await using var reader = await Reader.SignIn(ledger, path, [Roles.Auditor, Roles.Regulator], "auditor-ann");
        await Expect(reader.Page.Locator(ready).First).ToBeVisibleAsync();
        (await reader.SeriousAccessibilityViolations()).ShouldBeEmpty();
    }

    [Fact]
    public async Task no_serious_or_critical_violation_with_a_cell_explained_or_at_sign_in()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z&model=mythos-5");
        await reader.Cell("mythos-5", "acme-analytics", "foreign-person").Locator("button").ClickAsync();
        await Expect(reader.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        (await reader.SeriousAccessibilityViolations()).ShouldBeEmpty();

        await reader.Page.Keyboard.PressAsync("Escape");
        await reader.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(reader.Page.GetByLabel("Bearer token")).ToBeVisibleAsync();
        (await reader.SeriousAccessibilityViolations()).ShouldBeEmpty();
    }

    [Fact]
    public async Task two_models_by_two_classes_fit_a_laptop_screen_without_scrolling_sideways()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z");
        await Expect(reader.Page.Locator("td[data-model]").First).ToBeVisibleAsync();
        (await reader.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
    }
}
