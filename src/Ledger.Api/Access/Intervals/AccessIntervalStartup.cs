using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// At start, creates the interval table if missing and brings it up to the ledger's head (a new deployment, or
/// facts appended before this read model existed), under the write lock so no write interleaves.
/// </summary>
public sealed class AccessIntervalStartup(
    NpgsqlDataSource dataSource, AccessIntervalSchema table, AccessIntervalProjection projection, LedgerLog log, ILogger<AccessIntervalStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await table.Ensure(ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerWriter.Lock(connection, transaction, ct);
        var snapshot = await log.ReadAfter(log.Latest, connection, transaction, ct);

        var done = await projection.Progress(connection, transaction, ct);
        if (done >= snapshot.Position)
            return;

        logger.LogInformation("Bringing the access intervals from position {From} to {To}", done, snapshot.Position);
        await projection.CatchUp(snapshot.Facts, done, connection, transaction, null, ct);
        await transaction.CommitAsync(ct);
        log.Publish(snapshot);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
