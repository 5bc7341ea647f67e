namespace Ledger.Api.WebConsole;

/// <summary>
/// <c>Ledger:Console</c>: how the console signs people in when <c>Ledger:Auth:Authority</c> names an identity
/// provider (authorization code with PKCE, a public client: no secret reaches the browser).
/// </summary>
public sealed class ConsoleSettings
{
    public const string Section = "Ledger:Console";

    /// <summary>The client id the identity provider registered for the console, with <c>{origin}/</c> as its redirect URI.</summary>
    public string ClientId { get; set; } = "directive-ledger-console";

    /// <summary>The scopes the console asks for; add the one that makes the provider issue the ledger's audience and roles.</summary>
    public string Scope { get; set; } = "openid";
}
