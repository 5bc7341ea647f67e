namespace Ledger.Feed.Tests.Support;

/// <summary>
/// The tests' webhook receivers listen on loopback over plain http, which the service refuses by default (issue 14):
/// every service the tests start is told, explicitly, that it may deliver there. Every such service also seals webhook
/// secrets under one key of this test run, beside the signing key, so the in-process host and the crash test's process
/// can both open what the other stored.
/// </summary>
public static class LoopbackWebhooks
{
    public static IReadOnlyDictionary<string, string> ServiceSettings { get; } = new Dictionary<string, string>
    {
        ["Ledger:Webhooks:AllowHttp"] = "true",
        ["Ledger:Webhooks:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Ledger:Webhooks:AllowedNetworks:1"] = "::1/128",
        ["Ledger:Webhooks:SecretKeyFile"] = Path.Combine(Path.GetDirectoryName(Tokens.KeyFile)!, "webhook-secrets.key"),
    };
}
