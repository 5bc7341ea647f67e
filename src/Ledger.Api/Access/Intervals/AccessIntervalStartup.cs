using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// At start, checks that db-apply made the interval table as this build expects (the service creates no schema
/// object, and cannot rebuild indexes it does not own) and brings it up to the ledger's head (a new deployment, or
/// facts appended before this read model existed), under the write lock so no write interleaves.
/// </summary>
internal sealed class AccessIntervalStartup(
    NpgsqlDataSource dataSource, AccessIntervalSchema table, AccessIntervalProjection projection, LedgerLog log, ILogger<AccessIntervalStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await table.Expect(ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerWriter.Lock(connection, transaction, ct);
        var latest = log.Latest;
        var facts = latest.Facts.AddRange(await log.FactsAfter(latest.Position, connection, transaction, ct));
        var head = facts.Count > 0 ? facts[^1].Position : 0;

        var done = await projection.Progress(connection, transaction, ct);
        if (done >= head)
            return;

        // The catch-up folds the log position by position anyway: its knowledge is the log's, folded once.
        logger.LogInformation("Bringing the access intervals from position {From} to {To}", done, head);
        var trail = await projection.CatchUp(facts, done, connection, transaction, null, ct);
        await transaction.CommitAsync(ct);
        log.Publish(new LedgerLog.Snapshot(trail));

        if (done == 0)
            await table.Analyze(connection, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
