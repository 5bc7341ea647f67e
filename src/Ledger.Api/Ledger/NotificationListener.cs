using Npgsql;

namespace Ledger.Api.Ledger;

/// <summary>
/// Holds a LISTEN connection on one PostgreSQL channel for as long as the service runs, and reconnects (after 100 ms,
/// doubling up to 5 s) when it drops. PostgreSQL delivers <c>pg_notify</c> only on commit, so what is heard is always
/// readable. Whoever listens is told when listening starts and stops, so it can stop relying on being told meanwhile.
/// </summary>
internal sealed class NotificationListener(NpgsqlDataSource dataSource, ILogger<NotificationListener> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    /// <param name="channel">The channel, as <c>pg_notify</c> names it (quoted here, so its case is kept).</param>
    /// <param name="heard">Called on every notification, and after <paramref name="quiet"/> passes without one.</param>
    /// <param name="listening">Called with true once listening, with false when the connection is lost and when stopping.</param>
    public async Task Listen(string channel, Action heard, Action<bool> listening, TimeSpan quiet, CancellationToken ct)
    {
        var retry = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => heard();
                await using (var listen = new NpgsqlCommand($"listen \"{channel}\"", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                retry = FirstRetry;
                listening(true);
                while (!ct.IsCancellationRequested)
                    if (!await connection.WaitAsync(quiet, ct))
                        heard();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Lost the LISTEN connection on {Channel}; reconnecting in {Retry}", channel, retry);
                listening(false);
                await Task.Delay(retry, ct);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }

        listening(false);
    }
}
