using System.Data;
using System.Text.Json;
using Ledger.Api.Ledger;
using Ledger.Domain.Readers;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// Writes the export bundle (<see cref="BundleFormat"/>) for the log cut at a position: the events exactly as
/// stored, in leaf order, streamed from one database snapshot; the checkpoints the ledger signed up to that size;
/// and one signed now at exactly the bundle's size when none was. The rows are read from the event table, not
/// from the leaves, so a bundle of a tampered database fails the offline check.
/// </summary>
public sealed class BundleExport(
    NpgsqlDataSource dataSource, IntegritySchema tables, MerkleLog tree, CheckpointPublisher publisher, IOptions<IntegrityOptions> options)
{
    /// <summary>
    /// Why a reader may not see the event at a position (<see cref="Withholding"/>): a bundle gives such an event sealed
    /// as <c>leaf/v2</c> with its texts as their commitments and without their salts (it still hashes to its leaf), and
    /// one sealed as <c>leaf/v1</c> as its leaf hash alone, since that leaf can only be recomputed from all of it. An
    /// event with no committed text has nothing to withhold.
    /// </summary>
    public static Func<long, string?> Withheld(LedgerLog.Snapshot snapshot, Withholding reader)
    {
        var hidden = snapshot.Facts.Where(f => reader.Withholds(f.Fact)).Select(f => f.Position).ToHashSet();
        return position => hidden.Contains(position) ? BundleFormat.Confidential : null;
    }

    /// <param name="to">the position of the last event in the bundle (0 for none)</param>
    /// <param name="withhold">why the reader may not see the event at a position, or null when it may</param>
    public async Task Write(Stream output, long to, long size, Func<long, string?> withhold, CancellationToken ct)
    {
        var newline = new[] { (byte)'\n' };
        await using var json = new Utf8JsonWriter(output);

        BundleFormat.WriteHeader(json, options.Value.Origin, publisher.VerifierKey, to, size);
        await NextLine();

        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        await using (var command = new NpgsqlCommand($"""
                         select l.leaf_index, e.seq_id, {SealedRow.Columns(tables, "e", "l")}
                         from {tables.Leaves} l join {tables.Events} e on e.seq_id = l.seq_id
                         {tables.SaltsJoin("e")}
                         where l.leaf_index < $1 order by l.leaf_index
                         """, connection, transaction) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = size });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                var leafIndex = reader.GetInt64(0);
                var row = SealedRow.Read(reader, 2, reader.GetInt64(1));
                BundleFormat.WriteSealed(json, leafIndex, row.Leaf, row.Data, row.Salts, withhold(row.Leaf.Position));
                await NextLine();
            }
        }

        var checkpoints = 0;
        var head = false;
        await foreach (var note in publisher.StoredUpTo(size, ct))
        {
            var signed = SignedNote.Parse(note);
            BundleFormat.WriteCheckpoint(json, signed);
            head |= Checkpoint.ParseBody(signed.Text).Size == size;
            checkpoints++;
            await NextLine();
        }

        if (!head)
        {
            BundleFormat.WriteCheckpoint(json, (await publisher.SignAt(size, store: false, ct)).Note);
            checkpoints++;
            await NextLine();
        }

        BundleFormat.WriteTrailer(json, size, checkpoints);
        await NextLine();
        return;

        async Task NextLine()
        {
            await json.FlushAsync(ct);
            json.Reset();
            await output.WriteAsync(newline, ct);
        }
    }

    /// <summary>The last sealed position, after catching up with what is committed (0 for an empty log).</summary>
    public async Task<long> Head(CancellationToken ct)
    {
        var size = await tree.CatchUp(ct);
        return size == 0 ? 0 : tree.PositionOf(size - 1);
    }

    /// <summary>A bundle cut at a position holds the leaves up to it and ends at the last of them.</summary>
    public (long To, long Size) Cut(long position)
    {
        var size = tree.SizeAt(position);
        return (size == 0 ? 0 : tree.PositionOf(size - 1), size);
    }
}
