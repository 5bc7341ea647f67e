namespace Ledger.Api.Ledger;

/// <summary>
/// Listens for the notification every commit sends, so <see cref="LedgerLog.Current"/> can answer reads from
/// memory until something is appended, by this instance or any other. While the connection is down the log is
/// told it cannot rely on notifications, and every read catches up from the database instead.
/// </summary>
internal sealed class LedgerLogListener(NotificationListener listener, LedgerLog log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        listener.Listen(log.Channel, log.Appended, log.Listening, Timeout.InfiniteTimeSpan, stoppingToken);
}
