using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Console.Tests.SignIn;

/// <summary>
/// The authorization code flow with PKCE as the console runs it against a provider. The provider here is played by
/// the browser's request routing (no identity provider runs on this machine): the service's sign-in settings name
/// it, its discovery document, authorization and token endpoints answer, and the token it issues is one the
/// service trusts, so the round trip ends signed in.
/// </summary>
[Collection(ConsoleLedgerCollection.Name)]
public sealed class when_an_identity_provider_signs_people_in(ConsoleLedger ledger)
{
    private const string Provider = "https://id.example.test";

    [Fact]
    public async Task the_console_sends_a_pkce_challenge_and_redeems_the_code_with_its_verifier()
    {
        var context = await ledger.Browser.NewContextAsync(new() { BaseURL = ledger.BaseAddress.ToString() });
        await using var _ = context;
        var page = await context.NewPageAsync();
        await PlayTheProvider(page);
        string? authorize = null, redeemed = null;
        await page.RouteAsync($"{Provider}/authorize**", async route =>
        {
            authorize = route.Request.Url;
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p>provider</p>" });
        });
        await page.RouteAsync($"{Provider}/token", async route =>
        {
            redeemed = route.Request.PostData;
            await route.FulfillAsync(new()
            {
                Status = 200, ContentType = "application/json",
                Body = JsonSerializer.Serialize(new { access_token = ledger.Token(["auditor"], "sso-sam"), token_type = "Bearer" }),
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
            });
        });

        await page.GotoAsync("/?view=integrity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the identity provider" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"^https://id\.example\.test/authorize\?"));

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(authorize!).Query);
        query["response_type"].ShouldBe("code");
        query["client_id"].ShouldBe("directive-ledger-console");
        query["redirect_uri"].ShouldBe(ledger.BaseAddress.ToString());
        query["code_challenge_method"].ShouldBe("S256");
        await page.GotoAsync($"/?code=the-code&state={query["state"]}");
        await Expect(page.Locator("#who")).ToContainTextAsync("sso-sam (auditor)");
        await Expect(page.Locator("#tree-size")).ToContainTextAsync("events");
        page.Url.ShouldEndWith("/?view=integrity");
        var form = System.Web.HttpUtility.ParseQueryString(redeemed!);
        (form["grant_type"], form["code"], form["redirect_uri"]).ShouldBe(("authorization_code", "the-code", ledger.BaseAddress.ToString()));
        // RFC 7636 4.6: the verifier redeemed is the one whose SHA-256 was the challenge sent.
        query["code_challenge"].ShouldBe(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"]!))));
        form["code_verifier"]!.Length.ShouldBeGreaterThanOrEqualTo(43);
    }

    [Fact]
    public async Task a_code_with_a_state_this_tab_did_not_send_is_refused()
    {
        var context = await ledger.Browser.NewContextAsync(new() { BaseURL = ledger.BaseAddress.ToString() });
        await using var _ = context;
        var page = await context.NewPageAsync();
        await PlayTheProvider(page);
        await page.GotoAsync("/?code=stolen&state=forged");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("state this tab did not send");
        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('ledger.token')")).ShouldBeNull();
    }

    /// <summary>The service's settings name the provider (as with Ledger:Auth:Authority), and its CSP lets the page reach it.</summary>
    private static async Task PlayTheProvider(IPage page)
    {
        await page.RouteAsync("**/console/settings.json", route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { method = "authorization-code", authority = Provider, clientId = "directive-ledger-console", scope = "openid" }),
        }));
        await page.RouteAsync(url => new Uri(url).AbsolutePath == "/" && !url.StartsWith(Provider, StringComparison.Ordinal), async route =>
        {
            var response = await route.FetchAsync();
            var headers = response.Headers.ToDictionary(h => h.Key, h => h.Key.Equals("content-security-policy", StringComparison.OrdinalIgnoreCase)
                ? h.Value.Replace("connect-src 'self'", $"connect-src 'self' {Provider}", StringComparison.Ordinal)
                : h.Value);
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        await page.RouteAsync($"{Provider}/.well-known/openid-configuration", route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { issuer = Provider, authorization_endpoint = $"{Provider}/authorize", token_endpoint = $"{Provider}/token" }),
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
        }));
    }
}
