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
        var first = recorded.Before.Facts.Count;
        var positions = recorded.After.Facts.Skip(first).Select(f => f.Position).ToArray();
        await using var command = new NpgsqlCommand($"""
            insert into {tables.Leaves} (leaf_index, seq_id, leaf_hash)
            select (select coalesce(max(leaf_index) + 1, 0) from {tables.Leaves}) + row_number() over (order by e.seq_id) - 1,
                   e.seq_id, {tables.Name}.merkle_leaf_hash(e)
            from {tables.Events} e where e.seq_id = any($1)
            returning leaf_index
            """, recorded.Connection, recorded.Transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = positions });
        var sealedAt = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                sealedAt.Add(reader.GetInt64(0));

        if (sealedAt.Count != positions.Length || sealedAt.Count > 0 && sealedAt.Min() != first)
            throw new LedgerIntegrityException(
                $"the Merkle log holds {(sealedAt.Count == 0 ? "?" : sealedAt.Min())} leaves but the ledger holds {first} facts before this write; " +
                "nothing was written. GET /api/ledger/verify names the first position that differs.");
    }
}

/// <summary>The ledger's own records disagree with each other: writes stop until an operator has looked.</summary>
public sealed class LedgerIntegrityException(string message) : Exception(message);
