using Ledger.Api.Ledger;
using Ledger.Domain.Knowledge;
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

        await using var read = new NpgsqlCommand($"select position from {table.Progress} where name = $1", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = AccessIntervalProjection.Name });
        var done = await read.ExecuteScalarAsync(ct) as long? ?? 0;
        if (done >= snapshot.Position)
            return;

        logger.LogInformation("Bringing the access intervals from position {From} to {To}", done, snapshot.Position);
        var known = LedgerKnowledge.Empty;
        foreach (var fact in snapshot.Facts)
        {
            var next = known.Evolve(fact);
            if (fact.Position > done)
                await projection.Apply(fact, known, next, connection, transaction, ct);
            known = next;
        }

        await transaction.CommitAsync(ct);
        log.Publish(snapshot);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
