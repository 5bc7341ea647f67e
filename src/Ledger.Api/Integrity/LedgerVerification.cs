using System.Data;
using Ledger.Domain.Facts;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Merkle;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// Recomputes the whole log from what PostgreSQL holds, in one consistent snapshot: every event row against its
/// sealed leaf (a changed column changes the leaf), every leaf against an event row (a deleted row leaves a leaf
/// without an event), every row against a leaf (a row inserted behind the ledger's back has none), leaf indices
/// dense and in position order, and every stored checkpoint's signature and root against the recomputed tree (a
/// row rewritten together with its leaf still changes the roots the ledger signed), and the feed's envelopes against
/// the facts (<see cref="FeedVerification"/>). A fault does not end the
/// check: a second change must not hide behind the first, so every position is judged and every bad one reported.
/// </summary>
public sealed class LedgerVerification(
    NpgsqlDataSource dataSource, IntegritySchema tables, FeedVerification feed, LedgerKey key, IOptions<IntegrityOptions> options)
{
    /// <summary>The type Marten writes for a sequence number burnt by a failed append: not a ledger fact, never a leaf.</summary>
    public const string MartenTombstone = "tombstone";

    private static readonly HashSet<string> FactTypes = [.. LedgerEventTypes.Names.Values];

    public async Task<VerificationReport> Run(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var faults = new VerificationFaults();
        var checkpoints = await Checkpoints(connection, transaction, faults, ct);
        long treeSize;
        await using (var count = new NpgsqlCommand($"select count(*) from {tables.Leaves}", connection, transaction))
            treeSize = (long)(await count.ExecuteScalarAsync(ct))!;

        await using var command = new NpgsqlCommand($"""
            select coalesce(e.seq_id, l.seq_id), l.leaf_index, l.leaf_hash, e.seq_id is not null,
                   {SealedRow.Columns(tables, "e", "l")}
            from {tables.Events} e full join {tables.Leaves} l on l.seq_id = e.seq_id
            {tables.SaltsJoin("e")}
            order by 1
            """, connection, transaction) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        var tree = new CompactRange();
        var next = 0;
        long? spanStart = null;
        for (; next < checkpoints.Count && checkpoints[next].Size == 0; next++)
            if (!checkpoints[next].RootHash.AsSpan().SequenceEqual(TreeHash.EmptyRoot))
                faults.Add(null, "the checkpoint at size 0 does not carry the empty tree's root");
        // Once a root differs, every later root differs too (they commit to the same prefix): they can tell no more.
        var rootsAgree = true;
        // The leaf index due next: after a gap it follows the leaf found, so one missing leaf is one fault, not one per leaf after it.
        var dueLeaf = 0L;
        while (await reader.ReadAsync(ct))
        {
            var position = reader.GetInt64(0);
            var sealedLeaf = reader.IsDBNull(1) ? (long?)null : reader.GetInt64(1);
            var leafHash = sealedLeaf is null ? null : reader.GetFieldValue<byte[]>(2);
            var hasEvent = reader.GetBoolean(3);
            var sealedRow = hasEvent ? SealedRow.Read(reader, 4, position) : null;
            var row = sealedRow?.Leaf;
            var recomputed = row?.LeafHash();

            string? problem = (row, sealedLeaf) switch
            {
                (null, { } leaf) => $"leaf {leaf} seals position {position}, but no event is stored there: the event was deleted",
                ({ } r, null) when r.Type == MartenTombstone => null,
                ({ } r, null) when FactTypes.Contains(r.Type) =>
                    $"the event at position {position} has no Merkle leaf: it was not recorded by the ledger (inserted behind its back)",
                ({ } r, null) => $"position {position} holds an event of unknown type '{r.Type}' that the ledger never wrote",
                (_, { } leaf) when leaf != dueLeaf => $"position {position} is sealed as leaf {leaf} where leaf {dueLeaf} was due: " +
                                                        "leaves were removed, added or reordered",
                ({ }, _) when !recomputed.AsSpan().SequenceEqual(leafHash) =>
                    $"the event at position {position} does not match its leaf {sealedLeaf}: the stored row was changed after it was recorded",
                ({ }, _) when sealedRow!.Disagreement() is { } disagreement =>
                    $"the event at position {position} does not match the commitments its leaf {sealedLeaf} seals: {disagreement}",
                _ => null,
            };
            if (problem is not null)
                faults.Add(position, problem);
            if (sealedLeaf is null)
                continue;

            // The stored leaf where the row no longer matches it: the roots then judge the leaves, and a row
            // already reported does not also fail every checkpoint after it.
            tree.Append(problem is null ? recomputed! : leafHash!);
            dueLeaf = sealedLeaf.Value + 1;
            spanStart ??= position;
            while (next < checkpoints.Count && checkpoints[next].Size == tree.Size)
            {
                if (rootsAgree && !tree.Root().AsSpan().SequenceEqual(checkpoints[next].RootHash))
                {
                    faults.Add(spanStart, $"the events from position {spanStart} to {position} do not hash to the root the ledger signed at size {tree.Size}: " +
                                          "one of them was rewritten together with its leaf");
                    rootsAgree = false;
                }

                spanStart = null;
                next++;
            }
        }

        if (next < checkpoints.Count)
            faults.Add(null, $"the ledger signed a checkpoint at size {checkpoints[next].Size}, but only {tree.Size} sealed events remain: events were deleted");
        await reader.CloseAsync();
        await feed.Check(connection, transaction, faults, ct);
        return faults.Report(tree.Size, treeSize);
    }

    /// <summary>The stored checkpoints that carry the ledger's signature and match their own row; each other one is a fault.</summary>
    private async Task<List<Checkpoint>> Checkpoints(NpgsqlConnection connection, NpgsqlTransaction transaction, VerificationFaults faults, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select tree_size, root_hash, note from {tables.Checkpoints} order by tree_size", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(ct))
        {
            var size = reader.GetInt64(0);
            try
            {
                var checkpoint = ParseByAnyKey(reader.GetString(2));
                if (checkpoint.Size != size || !checkpoint.RootHash.AsSpan().SequenceEqual(reader.GetFieldValue<byte[]>(1)))
                    throw new FormatException("its row does not match its signed text");
                checkpoints.Add(checkpoint);
            }
            catch (FormatException e)
            {
                faults.Add(null, $"the stored checkpoint at size {size} is not one the ledger signed: {e.Message}");
            }
        }

        return checkpoints;
    }

    /// <summary>Verified by the current key or a previous one; otherwise the checkpoint is not the ledger's.</summary>
    private Checkpoint ParseByAnyKey(string note)
    {
        var keys = options.Value.PreviousVerifierKeys
            .Select(text => NoteVerifierKey.TryParse(text, out var previous) ? previous
                : throw new InvalidOperationException($"Ledger:Integrity:PreviousVerifierKeys holds '{text}', which is not a verifier key"))
            .Prepend(key.Verifier);
        var signed = SignedNote.Parse(note);
        return keys.Any(signed.IsSignedBy)
            ? Checkpoint.ParseBody(signed.Text)
            : throw new FormatException("no key the ledger knows signed it (a rotated key missing from Ledger:Integrity:PreviousVerifierKeys, or a forgery)");
    }
}
