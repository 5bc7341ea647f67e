using Ledger.Api.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// Seals each appended fact as the next Merkle leaf, inside the write's transaction and under its lock. The lock
/// makes positions commit in order, so when position p is sealed every lower position is committed or dead, and
/// leaf indices are dense: leaf i is the i-th ledger fact by position. A leaf index that is not the count of
/// facts before the write means the tree and the log have parted (a row added behind the ledger's back, or
/// events written with sealing off): the write is refused rather than sealed on top of an unexplained row.
/// </summary>
public sealed class MerkleSealer(IntegritySchema tables, IOptions<IntegrityOptions> options) : IRecordingStep
{
    public async Task OnRecorded(Recorded recorded, CancellationToken ct)
    {
        if (!options.Value.Sealing)
            return;
        var leafIndex = (long)recorded.Before.Facts.Count;
        foreach (var fact in recorded.After.Facts.Skip(recorded.Before.Facts.Count))
            await Seal(fact.Position, leafIndex++, recorded, ct);
    }

    /// <summary>
    /// One statement: the leaf is inserted only when the tree ends exactly one leaf before it. Prepared once per
    /// connection, because planning it again on every write cost more than running it.
    /// </summary>
    private async Task Seal(long position, long leafIndex, Recorded recorded, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            insert into {tables.Leaves} (leaf_index, seq_id, leaf_hash)
            select $1, e.seq_id, {tables.Name}.merkle_leaf_hash(e) from {tables.Events} e
            where e.seq_id = $2 and (select coalesce(max(leaf_index), -1) from {tables.Leaves}) = $1 - 1
            """, recorded.Connection, recorded.Transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leafIndex });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        await command.PrepareAsync(ct);
        if (await command.ExecuteNonQueryAsync(ct) != 1)
            throw new LedgerIntegrityException(
                $"position {position} would be leaf {leafIndex}, the ledger's fact number {leafIndex + 1}, but the Merkle log does not end " +
                "at the leaf before it; nothing was written. GET /api/ledger/verify names the first position that differs.");
    }
}

/// <summary>The ledger's own records disagree with each other: writes stop until an operator has looked.</summary>
public sealed class LedgerIntegrityException(string message) : Exception(message);
