using System.Net.Http.Headers;
using Ledger.Api.Security;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Feed.Tests.Support;

/// <summary>
/// Bearer tokens as the service's local issuer signs them (tests/Ledger.Api.Tests does the same): one key, made for
/// this test run in a temporary directory, trusted by every service the tests start (in memory or as a process, via
/// <c>Ledger:Auth:SigningKeyFile</c>) and deleted when the test process exits. Each client gets the narrowest roles
/// that do its job: writers record facts, subscribers read the feed and manage their own webhooks.
/// </summary>
public static class Tokens
{
    /// <summary>Every subject these tests use starts with it, so what they leave behind can be told apart (<see cref="LedgerApp"/>).</summary>
    public const string SubjectPrefix = "feed-tests-";

    public const string WriterSubject = SubjectPrefix + "writer";
    public const string SubscriberSubject = SubjectPrefix + "subscriber";

    /// <summary>A subject of its own for one test: <c>feed-tests-{name}-{random}</c>.</summary>
    public static string Subject(string name) => $"{SubjectPrefix}{name}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Records the given state: models, organisations and suspensions (operations), directives (compliance).</summary>
    public static readonly string[] WriterRoles = [Roles.Operations, Roles.Compliance];

    public static string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"ledger-feed-tests-{Guid.NewGuid():N}", "signing-key.pem");

    private static readonly Lazy<ECDsaSecurityKey> Key = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(KeyFile)!, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        };
        return LocalTokens.LoadOrCreate(KeyFile);
    });

    /// <summary>The settings that make a service trust <see cref="KeyFile"/>, with the rate limiter off (a test writes fast, as one subject).</summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings
    {
        get
        {
            _ = Key.Value;
            return new Dictionary<string, string>
            {
                ["Ledger:Auth:SigningKeyFile"] = KeyFile,

                // The in-process host and the crash test's service process sign checkpoints of one log: one key.
                ["Ledger:Integrity:KeyFile"] = Path.Combine(Path.GetDirectoryName(KeyFile)!, "checkpoint-key"),
                ["Ledger:RateLimit:Enabled"] = "false",
            };
        }
    }

    /// <summary>A token for <paramref name="subject"/> with <paramref name="roles"/>, valid for the longest test run.</summary>
    public static string Mint(string subject, params string[] roles)
    {
        var defaults = new AuthSettings();
        return LocalTokens.Mint(Key.Value, defaults.Issuer, defaults.Audience, subject, roles, DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
    }

    /// <summary>Every request of <paramref name="client"/> carries a token for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public static HttpClient As(this HttpClient client, string subject, params string[] roles)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint(subject, roles));
        return client;
    }
}
