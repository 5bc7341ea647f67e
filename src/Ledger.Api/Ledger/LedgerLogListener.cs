using Npgsql;

namespace Ledger.Api.Ledger;

/// <summary>
/// Listens for the notification every commit sends, so <see cref="LedgerLog.Current"/> can answer reads from
/// memory until something is appended, by this instance or any other. While the connection is down the log is
/// told it cannot rely on notifications, and every read catches up from the database instead.
/// </summary>
public sealed class LedgerLogListener(NpgsqlDataSource dataSource, LedgerLog log, ILogger<LedgerLogListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => log.Appended();
                await using (var listen = new NpgsqlCommand($"listen \"{log.Channel}\"", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                log.Listening(true);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(e, "Lost the ledger's notification connection; reads catch up from the database until it is back");
                log.Listening(false);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }

        log.Listening(false);
    }
}
