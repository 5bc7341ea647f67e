using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Ledger.Domain.Readers;
using Ledger.Integrity.Leaves;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

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
/// whatever the size of the group. A <c>leaf/v2</c> first stores a new salt for each confidential text field of each
/// fact (<see cref="Withholding.TextsOf"/>: by kind, whether or not its directive is confidential now, so a later
/// classification can still be withheld), in the same round trip.
/// </remarks>
internal sealed class MerkleSealer(IntegritySchema tables, IOptions<IntegrityOptions> options) : IRecordingStep
{
    private static readonly string[] FactTypes = [.. LedgerEventTypes.Names.Values];

    public async Task OnRecorded(RecordedGroup group, CancellationToken ct)
    {
        if (!options.Value.Sealing)
            return;
        var leafVersion = options.Value.LeafVersion == 1 ? 1 : 2;
        var first = group.Facts[0];
        var leafIndex = (long)first.Before.Facts.Count;
        await using var batch = new NpgsqlBatch(group.Connection, group.Transaction);
        var salts = leafVersion == 2 ? Salts(group) : [];
        if (salts.Count > 0)
        {
            var insert = new NpgsqlBatchCommand($"""
                insert into {tables.Salts} (seq_id, field, form, salt)
                select * from unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[])
                """);
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. salts.Select(s => s.Position)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. salts.Select(s => s.Field)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. salts.Select(s => s.Form)] });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. salts.Select(s => s.Salt)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(insert);
        }

        var seal = new NpgsqlBatchCommand($"""
            insert into {tables.Leaves} (leaf_index, seq_id, leaf_hash, leaf_version)
            select $1 + row_number() over (order by e.seq_id) - 1, e.seq_id, {tables.LeafHash("e", leafVersion, salted: salts.Count > 0)}, {leafVersion}
            from {tables.Events} e
            where e.seq_id >= $2 and e.seq_id < $2 + 65536 and e.xmin = pg_current_xact_id()::xid and e.type = any($3)
              and (select coalesce(max(leaf_index), -1) from {tables.Leaves}) = $1 - 1
            returning seq_id
            """);
        seal.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leafIndex });
        seal.Parameters.Add(new NpgsqlParameter<long> { TypedValue = first.Fact.Position });
        seal.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = FactTypes });
        batch.BatchCommands.Add(seal);
        // Prepared, so PostgreSQL soon plans it once for all parameter values. The upper bound is for that generic
        // plan: "seq_id >= $2" alone is guessed to match a third of the table and gets a sequential scan, a bounded
        // range gets the index; a group is far smaller than the bound (the writer caps it at 16,384 facts, and an
        // annex alone fits the 1 MiB body limit).
        await batch.PrepareAsync(ct);
        var positions = new List<long>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // The salts' insert returns no rows; the leaves' rows are the last result.
            do
            {
                while (await reader.ReadAsync(ct))
                    positions.Add(reader.GetInt64(0));
            }
            while (await reader.NextResultAsync(ct));
        }

        // A rehearsal appended nothing, so there is nothing to seal and nothing to find wrong.
        if (!group.Rehearsal && !positions.Order().SequenceEqual(group.Facts.Select(f => f.Fact.Position)))
            throw new LedgerIntegrityException(
                $"position {first.Fact.Position} would be leaf {leafIndex}, the ledger's fact number {leafIndex + 1}, but the Merkle log " +
                "does not end at the leaf before it; nothing was written. GET /api/ledger/verify names the first position that differs.");
    }

    /// <summary>A new salt for each confidential text field of each fact of the group.</summary>
    private static List<(long Position, string Field, string Form, byte[] Salt)> Salts(RecordedGroup group) =>
        [.. group.Facts.SelectMany(recorded => Withholding.TextsOf(recorded.Fact.Fact, recorded.Before.Knowledge)
            .Select(text => (recorded.Fact.Position, text.Field, Form(text.Form), TextCommitments.NewSalt())))];

    private static string Form(TextForm form) => form switch
    {
        TextForm.Text => TextCommitments.Text,
        TextForm.Texts => TextCommitments.Texts,
        TextForm.Documents => TextCommitments.Documents,
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "a form of confidential text that cannot be committed"),
    };
}

/// <summary>The ledger's own records disagree with each other: writes stop until an operator has looked.</summary>
internal sealed class LedgerIntegrityException(string message) : WriteRefusal(503, "ledger-integrity-broken", message);
