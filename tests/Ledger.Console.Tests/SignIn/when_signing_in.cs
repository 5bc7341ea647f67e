namespace Ledger.Console.Tests.SignIn;

[Collection(ConsoleLedgerCollection.Name)]
public sealed class when_signing_in(ConsoleLedger ledger)
{
    [Fact]
    public async Task a_token_in_the_address_signs_in_and_leaves_the_address_bar()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z");
        await Expect(reader.Page.Locator("#who")).ToContainTextAsync("Signed in as regulator-jane (regulator)");
        reader.Page.Url.ShouldNotContain("token");
        reader.Page.Url.ShouldEndWith("/?asOf=2026-06-27T12:00:00Z");
        (await reader.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('ledger.token')")).ShouldNotBeNullOrEmpty();
        (await reader.Page.EvaluateAsync<int>("() => localStorage.length")).ShouldBe(0, "the token lives in this tab only");
    }

    [Fact]
    public async Task a_pasted_bearer_token_signs_in_and_signing_out_forgets_it()
    {
        var context = await ledger.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, BaseURL = ledger.BaseAddress.ToString() });
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Bearer token").FillAsync(ledger.Token(["auditor"], "auditor-ann"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleLedger.Artifacts, "sign-in.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync("auditor-ann (auditor)");
        await Expect(page.Locator("td[data-model]").First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("Bearer token")).ToBeVisibleAsync();
        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('ledger.token')")).ShouldBeNull();
    }

    [Fact]
    public async Task a_refused_token_brings_the_sign_in_back_with_the_reason()
    {
        var context = await ledger.Browser.NewContextAsync(new() { BaseURL = ledger.BaseAddress.ToString() });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var expired = Ledger.Api.Security.LocalTokens.Mint(ledger.Key, "directive-ledger-local", "directive-ledger", "late", ["regulator"],
            DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(30));
        await page.GotoAsync($"/#token={expired}");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused the token");
        await Expect(page.GetByLabel("Bearer token")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task only_the_console_is_served_without_a_token_under_a_strict_policy()
    {
        using var client = new HttpClient { BaseAddress = ledger.BaseAddress };
        using var page = await client.GetAsync("/");
        page.IsSuccessStatusCode.ShouldBeTrue();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("script-src 'self';");
        policy.ShouldContain("style-src 'self';");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldContain("frame-ancestors 'none'");
        (await page.Content.ReadAsStringAsync()).ShouldNotContain("<script>", Case.Insensitive);
        (await client.GetAsync("/console/matrix.js")).IsSuccessStatusCode.ShouldBeTrue();
        (await client.GetAsync("/console/settings.json")).IsSuccessStatusCode.ShouldBeTrue();
        ((int)(await client.GetAsync("/api/models")).StatusCode).ShouldBe(401);
        ((int)(await client.GetAsync("/console/../api/models")).StatusCode).ShouldBe(401);
    }
}
