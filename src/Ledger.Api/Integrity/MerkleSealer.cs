using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
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
/// <remarks>
/// The writer commits groups of writes in one transaction and calls the step once with all of them: one statement
/// seals every fact row this transaction wrote (its <c>xmin</c>), so sealing costs one round trip per transaction,
/// whatever the size of the group.
/// </remarks>
internal sealed class MerkleSealer(IntegritySchema tables, IOptions<IntegrityOptions> options) : IRecordingStep
{
    private static readonly string[] FactTypes = [.. LedgerEventTypes.Names.Values];

    public async Task OnRecorded(RecordedGroup group, CancellationToken ct)
    {
        if (!options.Value.Sealing)
            return;
        var first = group.Facts[0];
        var leafIndex = (long)first.Before.Facts.Count;
        await using var command = new NpgsqlCommand($"""
            insert into {tables.Leaves} (leaf_index, seq_id, leaf_hash)
            select $1 + row_number() over (order by e.seq_id) - 1, e.seq_id, {tables.Name}.merkle_leaf_hash(e)
            from {tables.Events} e
            where e.seq_id >= $2 and e.seq_id < $2 + 65536 and e.xmin = pg_current_xact_id()::xid and e.type = any($3)
              and (select coalesce(max(leaf_index), -1) from {tables.Leaves}) = $1 - 1
            returning seq_id
            """, group.Connection, group.Transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leafIndex });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = first.Fact.Position });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = FactTypes });
        // Prepared, so PostgreSQL soon plans it once for all parameter values. The upper bound is for that generic
        // plan: "seq_id >= $2" alone is guessed to match a third of the table and gets a sequential scan, a bounded
        // range gets the index; a group is far smaller than the bound (the writer caps it at 16,384 facts, and an
        // annex alone fits the 1 MiB body limit).
        await command.PrepareAsync(ct);
        var positions = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                positions.Add(reader.GetInt64(0));

        // A rehearsal appended nothing, so there is nothing to seal and nothing to find wrong.
        if (!group.Rehearsal && !positions.Order().SequenceEqual(group.Facts.Select(f => f.Fact.Position)))
            throw new LedgerIntegrityException(
                $"position {first.Fact.Position} would be leaf {leafIndex}, the ledger's fact number {leafIndex + 1}, but the Merkle log " +
                "does not end at the leaf before it; nothing was written. GET /api/ledger/verify names the first position that differs.");
    }
}

/// <summary>The ledger's own records disagree with each other: writes stop until an operator has looked.</summary>
internal sealed class LedgerIntegrityException(string message) : WriteRefusal(503, "ledger-integrity-broken", message);
