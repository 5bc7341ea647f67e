using Ledger.Integrity.Checkpoints;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// Signs a checkpoint of the committed tree whenever it has grown: every <see cref="IntegrityOptions.CheckpointInterval"/>
/// while events flow, and on demand when a reader asks for the latest one. Checkpoints are stored, so an
/// export carries the history of what the ledger signed, and verification compares each with the events.
/// </summary>
public sealed class CheckpointPublisher(
    NpgsqlDataSource dataSource, IntegritySchema tables, MerkleLog tree, LedgerKey key, IOptions<IntegrityOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _signing = new(1, 1);
    private volatile StoredCheckpoint? _latest;

    public sealed record StoredCheckpoint(Checkpoint Checkpoint, SignedNote Note);

    public NoteVerifierKey VerifierKey => key.Verifier;

    /// <summary>A signed checkpoint of the whole committed tree, signed now if the last one is older than the tree.</summary>
    public async Task<StoredCheckpoint> Latest(CancellationToken ct)
    {
        var size = await tree.CatchUp(ct);
        if (_latest is { } latest && latest.Checkpoint.Size == size)
            return latest;
        return await SignAt(size, store: true, ct);
    }

    /// <summary>
    /// A checkpoint at any size the tree has reached: the newest stored one when it is at that size, else signed now.
    /// Signing an earlier size is sound: the tree at that size never changes.
    /// </summary>
    public async Task<StoredCheckpoint> SignAt(long size, bool store, CancellationToken ct)
    {
        await _signing.WaitAsync(ct);
        try
        {
            if (_latest is { } latest && latest.Checkpoint.Size == size)
                return latest;
            var checkpoint = new Checkpoint(options.Value.Origin, size, tree.Read(t => t.Root(size)), clock.GetUtcNow());
            var signed = new StoredCheckpoint(checkpoint, checkpoint.Sign(key.Signer));
            if (!store || size <= (_latest?.Checkpoint.Size ?? -1))
                return signed;

            await using var command = dataSource.CreateCommand(
                $"insert into {tables.Checkpoints} (tree_size, root_hash, signed_at, key_id, note) values ($1, $2, $3, $4, $5) on conflict (tree_size) do nothing");
            command.Parameters.Add(new NpgsqlParameter { Value = size });
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.RootHash });
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Time });
            command.Parameters.Add(new NpgsqlParameter { Value = key.Verifier.KeyId.ToString("x8") });
            command.Parameters.Add(new NpgsqlParameter { Value = signed.Note.ToString() });
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                // Another instance signed this size first: serve what is stored, so every reader sees one note per size.
                await using var stored = dataSource.CreateCommand($"select note from {tables.Checkpoints} where tree_size = $1");
                stored.Parameters.Add(new NpgsqlParameter { Value = size });
                if (await stored.ExecuteScalarAsync(ct) is string note && Mine(note) is { } theirs)
                    signed = new StoredCheckpoint(theirs, SignedNote.Parse(note));
            }

            _latest = signed;
            return signed;
        }
        finally
        {
            _signing.Release();
        }
    }

    /// <summary>
    /// The first stored checkpoint of a tree of at least <paramref name="size"/> leaves that this key signed, or, when none
    /// is stored yet, the latest (signed now and stored). Stored sizes only grow, so every reader asking for the same
    /// size gets the same note: a report at a position is the same evidence each time it is asked for.
    /// </summary>
    public async Task<StoredCheckpoint> Covering(long size, CancellationToken ct)
    {
        await using (var command = dataSource.CreateCommand($"select note from {tables.Checkpoints} where tree_size >= $1 order by tree_size"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = size });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                if (Mine(reader.GetString(0)) is { } checkpoint && checkpoint.Size <= tree.Size)
                    return new StoredCheckpoint(checkpoint, SignedNote.Parse(reader.GetString(0)));
        }

        return await Latest(ct);
    }

    /// <summary>Takes the newest stored checkpoint as the latest, so a restart serves what was signed before it.</summary>
    public async Task LoadLatest(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select note from {tables.Checkpoints} order by tree_size desc limit 1");
        if (await command.ExecuteScalarAsync(ct) is string note && Mine(note) is { } checkpoint &&
            checkpoint.Size <= tree.Size && tree.Read(t => t.Root(checkpoint.Size)).AsSpan().SequenceEqual(checkpoint.RootHash))
            _latest = new StoredCheckpoint(checkpoint, SignedNote.Parse(note));
    }

    /// <summary>
    /// A stored note this ledger's current key signed, or null: one signed by an earlier key (or forged) is never
    /// served or exported as the ledger's; verification judges it (see <see cref="IntegrityOptions.PreviousVerifierKeys"/>).
    /// </summary>
    private Checkpoint? Mine(string note)
    {
        try
        {
            return Checkpoint.ParseVerified(note, key.Verifier);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Every stored checkpoint up to a tree size that the current key signed, oldest first, as signed notes.</summary>
    public async IAsyncEnumerable<string> StoredUpTo(long size, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select note from {tables.Checkpoints} where tree_size <= $1 order by tree_size");
        command.Parameters.Add(new NpgsqlParameter { Value = size });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (Mine(reader.GetString(0)) is not null)
                yield return reader.GetString(0);
    }
}

/// <summary>Signs a checkpoint each interval in which the tree grew.</summary>
internal sealed class CheckpointSchedule(
    MerkleLog tree, CheckpointPublisher publisher, IOptions<IntegrityOptions> options, TimeProvider clock, ILogger<CheckpointSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, clock);
        do
        {
            try
            {
                var size = await tree.CatchUp(stoppingToken);
                await publisher.SignAt(size, store: true, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException)
            {
                logger.LogWarning(e, "Could not sign a checkpoint; trying again in {Interval}", options.Value.CheckpointInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
