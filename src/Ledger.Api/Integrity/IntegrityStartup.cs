using JasperFx.Events;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// Before the service takes writes: makes sure Marten's event tables exist, installs the integrity schema,
/// adopts a ledger that predates sealing (an empty tree over existing facts: they are sealed once, in position
/// order, and the first checkpoint commits to them), loads the tree and the last checkpoint.
/// </summary>
public sealed class IntegrityStartup(
    IDocumentStore store, NpgsqlDataSource dataSource, IntegritySchema tables, MerkleLog tree, CheckpointPublisher publisher,
    IOptions<IntegrityOptions> options, ILogger<IntegrityStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Prepare(adopt: options.Value.Sealing, cancellationToken);

    /// <summary>Everything but signing: also what the command-line tools need before they read the log.</summary>
    public async Task Prepare(bool adopt, CancellationToken cancellationToken)
    {
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(IEvent), cancellationToken);
        await tables.Install(dataSource, cancellationToken);
        if (adopt)
            await AdoptUnsealedLedger(cancellationToken);
        var size = await tree.CatchUp(cancellationToken);
        await publisher.LoadLatest(cancellationToken);
        logger.LogInformation("Merkle log loaded: {Size} leaves; checkpoints signed by {Key}", size, publisher.VerifierKey);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AdoptUnsealedLedger(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerWriter.Lock(connection, transaction, ct);
        await using var adopt = new NpgsqlCommand($"""
            insert into {tables.Leaves} (leaf_index, seq_id, leaf_hash)
            select row_number() over (order by e.seq_id) - 1, e.seq_id, {tables.Name}.merkle_leaf_hash(e)
            from {tables.Events} e
            where e.type = any($1) and not exists (select from {tables.Leaves})
            """, connection, transaction) { CommandTimeout = 0 };
        adopt.Parameters.Add(new NpgsqlParameter { Value = LedgerEventTypes.Names.Values.ToArray() });
        var adopted = await adopt.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        if (adopted > 0)
            logger.LogWarning("The ledger held {Count} facts recorded before sealing was on: sealed them now, in position order", adopted);
    }
}
