namespace Ledger.Feed.Tests.Support;

/// <summary>
/// The loopback ports these tests listen on, in one place so they can be kept clear of other suites: 55491-55499 is
/// this suite's range (55491 is left for a private PostgreSQL).
/// </summary>
public static class Ports
{
    /// <summary>The webhook receiver of the in-memory service's subscription tests.</summary>
    public const int WebhookReceiver = 55492;

    /// <summary>The service the crash test starts, kills and starts again as a process.</summary>
    public const int CrashService = 55493;

    /// <summary>The webhook receiver of the crash test.</summary>
    public const int CrashWebhookReceiver = 55494;
}
