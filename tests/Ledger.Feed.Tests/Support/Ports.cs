namespace Ledger.Feed.Tests.Support;

/// <summary>
/// The loopback ports these tests listen on, in one place so they can be kept clear of other suites. They sit below
/// Linux's ephemeral range (32768-60999): a port in that range can be taken at any moment as the local end of one of
/// the many outgoing connections the test run makes (to PostgreSQL, to the service), and the bind then fails.
/// </summary>
public static class Ports
{
    /// <summary>The webhook receiver of the in-memory service's subscription tests.</summary>
    public const int WebhookReceiver = 29492;

    /// <summary>The service the crash test starts, kills and starts again as a process.</summary>
    public const int CrashService = 29493;

    /// <summary>The webhook receiver of the crash test.</summary>
    public const int CrashWebhookReceiver = 29494;

    /// <summary>The webhook receivers of the hardening tests (issue 14): one for a test at a time, as the tests of one collection run one by one.</summary>
    public const int HardeningWebhookReceiver = 29495;

    /// <summary>A loopback port nothing listens on: a delivery there is refused.</summary>
    public const int Closed = 29496;
}
