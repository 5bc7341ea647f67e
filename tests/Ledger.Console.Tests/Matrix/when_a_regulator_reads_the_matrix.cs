namespace Ledger.Console.Tests.Matrix;

/// <summary>
/// Product.md section 9 as a regulator sees it in the console: the pictures of 27 June, 20 June and the evening of
/// 12 June read from the cells' data attributes, the slider moving between them, and a cell's explanation.
/// </summary>
[Collection(ConsoleLedgerCollection.Name)]
public sealed class when_a_regulator_reads_the_matrix(ConsoleLedger ledger)
{
    private static readonly string[] Vetted = ["us-water-coop", "grid-defense-llc", "state-cyber-agency"];
    private static readonly string[] Everyone = [.. Vetted, "frontier-labs", "acme-analytics", "*"];
    private static readonly string[] Classes = ["us-person", "foreign-person"];

    [Fact]
    public async Task on_27_june_mythos_5_is_open_to_the_annex_and_fable_5_to_nobody()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z");
        foreach (var personClass in Classes)
        {
            foreach (var org in Vetted)
                await Expect(reader.Cell("mythos-5", org, personClass)).ToHaveAttributeAsync("data-access", "allowed");
            await Expect(reader.Cell("mythos-5", "acme-analytics", personClass)).ToHaveAttributeAsync("data-access", "denied");
            await Expect(reader.Cell("mythos-5", "*", personClass)).ToHaveAttributeAsync("data-access", "denied");
            foreach (var org in Everyone)
                await Expect(reader.Cell("fable-5", org, personClass)).ToHaveAttributeAsync("data-access", "denied");
        }

        await Expect(reader.Cell("mythos-5", "frontier-labs", "foreign-person")).ToHaveAttributeAsync("data-state", "eased");
        await Expect(reader.Cell("mythos-5", "us-water-coop", "foreign-person")).ToHaveAttributeAsync("data-state", "eased");
        await Expect(reader.Cell("fable-5", "acme-analytics", "foreign-person")).ToHaveAttributeAsync("data-state", "denied-law");
        await Expect(reader.Cell("fable-5", "acme-analytics", "us-person")).ToHaveAttributeAsync("data-state", "denied-provider");
        // The state is in words as well as in colour.
        await Expect(reader.Cell("fable-5", "acme-analytics", "us-person")).ToHaveTextAsync("Denied by provider");
        await reader.Screenshot("matrix-2026-06-27");
    }

    [Fact]
    public async Task the_slider_moves_the_matrix_to_20_june_when_everything_is_denied()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z&model=mythos-5");
        await Expect(reader.Cell("mythos-5", "us-water-coop", "foreign-person")).ToHaveAttributeAsync("data-access", "allowed");
        (await reader.Page.Locator(".marks a.mark").CountAsync()).ShouldBeGreaterThanOrEqualTo(4, "the facts of mythos-5 are marked on the slider");

        await reader.Page.Locator("#time-slider").FocusAsync();
        for (var hour = 0; hour < 7 * 24; hour++)
            await reader.Page.Keyboard.PressAsync("ArrowLeft");

        await Expect(reader.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"asOf=2026-06-20T12%3A00%3A00Z"));
        foreach (var org in Everyone)
        {
            await Expect(reader.Cell("mythos-5", org, "foreign-person")).ToHaveAttributeAsync("data-state", "denied-law");
            await Expect(reader.Cell("mythos-5", org, "us-person")).ToHaveAttributeAsync("data-state", "denied-provider");
        }

        await Expect(reader.Page.Locator("#time-slider")).ToBeFocusedAsync();
        await reader.Screenshot("matrix-2026-06-20");
    }

    [Fact]
    public async Task a_link_or_a_reload_reproduces_the_view()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-12T20:00:00Z&sector=water-and-wastewater-systems");
        await Expect(reader.Cell("mythos-5", "us-water-coop", "foreign-person")).ToHaveAttributeAsync("data-access", "allowed");
        await Expect(reader.Page.Locator("td[data-model]")).ToHaveCountAsync(4, new() { Timeout = 5000 });

        await reader.Page.ReloadAsync();
        await Expect(reader.Page.Locator("#sector")).ToHaveValueAsync("water-and-wastewater-systems");
        await Expect(reader.Page.Locator("#as-of")).ToHaveValueAsync("2026-06-12T20:00:00Z");
        await Expect(reader.Page.Locator("td[data-model]")).ToHaveCountAsync(4);
        foreach (var cell in await reader.Page.Locator("td[data-model]").AllAsync())
            (await cell.GetAttributeAsync("data-access")).ShouldBe("allowed");
    }

    [Fact]
    public async Task the_access_filter_keeps_only_the_denied_cells()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z&model=mythos-5");
        await reader.Page.GetByLabel("Access", new() { Exact = true }).SelectOptionAsync("denied");
        await reader.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(reader.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("access=denied"));
        await Expect(reader.Cell("mythos-5", "acme-analytics", "foreign-person")).ToHaveAttributeAsync("data-access", "denied");
        await Expect(reader.Cell("mythos-5", "us-water-coop", "foreign-person")).ToHaveCountAsync(0);
        foreach (var cell in await reader.Page.Locator("td[data-model]").AllAsync())
            (await cell.GetAttributeAsync("data-access")).ShouldBe("denied");
    }

    [Fact]
    public async Task a_cell_explains_itself_in_a_dialog_from_the_keyboard()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z&model=mythos-5&q=acme");
        var cell = reader.Cell("mythos-5", "acme-analytics", "us-person").Locator("button");
        await cell.FocusAsync();
        await reader.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(reader.Cell("mythos-5", "acme-analytics", "foreign-person").Locator("button")).ToBeFocusedAsync();
        await reader.Page.Keyboard.PressAsync("Enter");

        var dialog = reader.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Denied by law");
        await Expect(dialog).ToContainTextAsync("acme-analytics has no approved vetting");
        await Expect(dialog.GetByRole(AriaRole.Link, new() { Name = "D-2026-06-12-01" })).ToBeVisibleAsync();
        await reader.Screenshot("matrix-explanation");

        await dialog.GetByRole(AriaRole.Link, new() { Name = "D-2026-06-12-01" }).ClickAsync();
        await Expect(reader.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=timeline.*event=D-2026-06-12-01"));
        await Expect(reader.Page.Locator("li[data-event='D-2026-06-12-01']")).ToBeFocusedAsync();
    }
}
