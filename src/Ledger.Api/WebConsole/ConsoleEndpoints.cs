using Ledger.Api.Http;
using Ledger.Api.Security;
using Microsoft.Extensions.Options;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The console for people (issue 16): its page at <c>/</c>, its files under <c>/console/</c> and its sign-in
/// settings, all public in the role matrix and holding nothing but code: every fact it shows comes from the API
/// with the reader's own token. Served under a strict Content-Security-Policy: scripts, styles and requests from
/// this origin only (and the identity provider's, to redeem a sign-in code), no inline script or style, no framing.
/// </summary>
internal static class ConsoleEndpoints
{
    public static IServiceCollection AddLedgerConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleSettings>().Bind(configuration.GetSection(ConsoleSettings.Section));
        services.AddSingleton<ConsoleAssets>();
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapGet("/", (ConsoleAssets assets, IOptions<AuthSettings> auth, HttpContext http) => Serve(assets.Find("index.html")!, auth.Value, http))
            .ExcludeFromDescription();
        app.MapGet("/console/{file}", (string file, ConsoleAssets assets, IOptions<AuthSettings> auth, HttpContext http) =>
                assets.Find(file) is { } asset && file != "index.html"
                    ? Serve(asset, auth.Value, http)
                    : Problems.Result(404, "no-such-file", "file", $"the console has no file {file}"))
            .ExcludeFromDescription();
        app.MapGet("/console/settings.json", (IOptions<AuthSettings> auth, IOptions<ConsoleSettings> console, HttpContext http) =>
            {
                Secure(http, auth.Value);
                http.Response.Headers.CacheControl = "no-store";
                return Results.Json(SignIn.For(auth.Value, console.Value));
            })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>How the console signs in: pasting a token (local key or bare JWKS), or the provider's authorization code flow.</summary>
    internal sealed record SignIn(string Method, string? Authority, string? ClientId, string? Scope)
    {
        public static SignIn For(AuthSettings auth, ConsoleSettings console) =>
            string.IsNullOrWhiteSpace(auth.Authority)
                ? new SignIn("token", null, null, null)
                : new SignIn("authorization-code", auth.Authority.TrimEnd('/'), console.ClientId, console.Scope);
    }

    private static IResult Serve(ConsoleAssets.Asset asset, AuthSettings auth, HttpContext http)
    {
        Secure(http, auth);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static void Secure(HttpContext http, AuthSettings auth)
    {
        var provider = Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) ? " " + authority.GetLeftPart(UriPartial.Authority) : "";
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'{provider}; " +
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
