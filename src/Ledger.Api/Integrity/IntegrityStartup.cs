using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// Before the service takes writes: checks that db-apply installed the integrity schema (the service creates no
/// schema object), adopts a ledger that predates sealing (an empty tree over existing facts: they are sealed once, in position
/// order, and the first checkpoint commits to them), loads the tree and the last checkpoint.
/// </summary>
internal sealed class IntegrityStartup(
    NpgsqlDataSource dataSource, IntegritySchema tables, MerkleLog tree, CheckpointPublisher publisher,
    IOptions<IntegrityOptions> options, ILogger<IntegrityStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Prepare(adopt: options.Value.Sealing, cancellationToken);

    /// <summary>Everything but signing: also what the command-line tools need before they read the log.</summary>
    public async Task Prepare(bool adopt, CancellationToken cancellationToken)
    {
        await tables.Expect(dataSource, cancellationToken);
        if (adopt)
            await AdoptUnsealedLedger(cancellationToken);
        var size = await tree.CatchUp(cancellationToken);
        await publisher.LoadLatest(cancellationToken);
        logger.LogInformation("Merkle log loaded: {Size} leaves; checkpoints signed by {Key}", size, publisher.VerifierKey);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AdoptUnsealedLedger(CancellationToken ct)
    {
        var adopted = await SealUnsealed(onlyAnEmptyTree: true, ct);
        if (adopted > 0)
            logger.LogWarning("The ledger held {Count} facts recorded before sealing was on: sealed them now, in position order", adopted);
    }

    /// <summary>
    /// Seals, in position order, every fact after the tree's last leaf; with <paramref name="onlyAnEmptyTree"/>, only
    /// when the tree has no leaf at all (start-up). Otherwise it is an operator's decision (<c>ledger-seal</c>): those
    /// facts were written with sealing off, or behind the ledger's back, and sealing them vouches for them.
    /// </summary>
    public async Task<int> SealUnsealed(bool onlyAnEmptyTree, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerWriter.Lock(connection, transaction, ct);
        await using var seal = new NpgsqlCommand($"""
            with tail as (select coalesce(max(leaf_index), -1) as leaf, coalesce(max(seq_id), 0) as seq from {tables.Leaves})
            insert into {tables.Leaves} (leaf_index, seq_id, leaf_hash)
            select tail.leaf + row_number() over (order by e.seq_id), e.seq_id, {tables.Name}.merkle_leaf_hash(e)
            from {tables.Events} e, tail
            where e.type = any($1) and e.seq_id > tail.seq and (not $2 or tail.leaf = -1)
            """, connection, transaction) { CommandTimeout = 0 };
        seal.Parameters.Add(new NpgsqlParameter { Value = LedgerEventTypes.Names.Values.ToArray() });
        seal.Parameters.Add(new NpgsqlParameter { Value = onlyAnEmptyTree });
        var sealedCount = await seal.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return sealedCount;
    }
}
