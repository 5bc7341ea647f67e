using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// The one LISTEN connection of this process: every commit's <c>pg_notify</c> pulses <see cref="FeedSignal"/>,
/// which wakes the SSE streams, the webhook workers and the broker dispatcher at once. After a (re)connect it pulses
/// too, so whatever committed while it was away is read; and it pulses every <see cref="FeedOptions.Recheck"/> as a
/// safety net, which delivery never depends on.
/// </summary>
public sealed class FeedListener(NpgsqlDataSource dataSource, LedgerSchema schema, FeedSignal signal, FeedOptions options, ILogger<FeedListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Pulse();
                await using (var listen = new NpgsqlCommand($"listen {FeedSchema.Channel(schema)}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                retry = TimeSpan.FromMilliseconds(100);
                signal.Pulse();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(options.Recheck, stoppingToken))
                        signal.Pulse();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The feed's LISTEN connection failed; reconnecting in {Retry}", retry);
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
