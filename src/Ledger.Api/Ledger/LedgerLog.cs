using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Npgsql;

namespace Ledger.Api.Ledger;

/// <summary>
/// The ledger's facts as this process knows them, read from <c>mt_events</c> in position order and folded into
/// <see cref="LedgerKnowledge"/>: a live projection of the whole log. Catching up is cheap (only events after the
/// last position), so every read and every write starts from exactly what PostgreSQL has committed.
/// Positions become visible in order because every append holds the ledger's write lock (see
/// <see cref="LedgerWriter"/>): a reader never sees position n+1 while n is still in flight.
/// </summary>
public sealed class LedgerLog(NpgsqlDataSource dataSource, LedgerSchema schema)
{
    private static readonly IReadOnlyDictionary<string, Type> TypesByName =
        LedgerEventTypes.Names.ToDictionary(pair => pair.Value, pair => pair.Key);

    private readonly SemaphoreSlim _catchingUp = new(1, 1);
    private volatile Snapshot _snapshot = Snapshot.Empty;
    private long _notifications;
    private long _freshAsOf = -1;
    private volatile bool _listening;

    /// <summary>
    /// An immutable view: every recorded fact up to a position, the knowledge folded from them, and the knowledge
    /// at every earlier position (<see cref="KnowledgeTrail"/>), published together.
    /// </summary>
    public sealed record Snapshot(KnowledgeTrail Trail)
    {
        public static readonly Snapshot Empty = new(KnowledgeTrail.Empty);

        public ImmutableList<RecordedFact> Facts => Trail.Facts;

        public LedgerKnowledge Knowledge => Trail.Head;

        public long Position => Trail.Position;
    }

    public Snapshot Latest => _snapshot;

    /// <summary>The channel every commit notifies (<c>pg_notify</c> is delivered on commit, never before).</summary>
    public string Channel => $"{schema.Name}_appended";

    /// <summary>
    /// The ledger as committed, without a database round trip when nothing was appended since the last catch-up:
    /// while <see cref="LedgerLogListener"/> hears every commit's notification, a snapshot stays current until the
    /// next one. Without the listener, every read catches up.
    /// </summary>
    public async Task<Snapshot> Current(CancellationToken ct) =>
        _listening && Interlocked.Read(ref _freshAsOf) == Interlocked.Read(ref _notifications) ? _snapshot : await CatchUp(ct);

    /// <summary>Reads what was committed since the last catch-up, on a connection of its own.</summary>
    public async Task<Snapshot> CatchUp(CancellationToken ct)
    {
        var heard = Interlocked.Read(ref _notifications);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var snapshot = await CatchUp(connection, null, ct);
        Interlocked.Exchange(ref _freshAsOf, heard);
        return snapshot;
    }

    /// <summary>Something was appended (or the listener cannot tell any more): the next read catches up.</summary>
    public void Appended() => Interlocked.Increment(ref _notifications);

    public void Listening(bool listening)
    {
        _listening = listening;
        Appended();
    }

    /// <summary>Makes a snapshot the latest, unless a later one already is.</summary>
    public void Publish(Snapshot snapshot)
    {
        var current = _snapshot;
        while (snapshot.Position > current.Position)
        {
            if (Interlocked.CompareExchange(ref _snapshot, snapshot, current) == current)
                return;
            current = _snapshot;
        }
    }

    private async Task<Snapshot> CatchUp(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await _catchingUp.WaitAsync(ct);
        try
        {
            var next = await ReadAfter(_snapshot, connection, transaction, ct);
            Publish(next);
            return _snapshot;
        }
        finally
        {
            _catchingUp.Release();
        }
    }

    /// <summary>Reads what follows <paramref name="from"/>; inside a writer's transaction it is published only after commit.</summary>
    /// <remarks>
    /// A writer passes its lock as <paramref name="first"/>: both go in one round trip, and in READ COMMITTED the read
    /// takes its snapshot after the lock is held, so it sees every commit made before the lock was granted.
    /// </remarks>
    public async Task<Snapshot> ReadAfter(
        Snapshot from, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct, NpgsqlBatchCommand? first = null)
    {
        var read = await FactsAfter(from.Position, connection, transaction, ct, first);
        return read.Count == 0 ? from : new Snapshot(from.Trail.Evolve(read));
    }

    /// <summary>
    /// The facts recorded after <paramref name="position"/>, in order and not folded: a caller that folds them
    /// itself, position by position (a read model's rebuild), need not pay for a second fold of the whole log.
    /// </summary>
    public async Task<List<RecordedFact>> FactsAfter(
        long position, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct, NpgsqlBatchCommand? first = null)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (first is not null)
            batch.BatchCommands.Add(first);
        var read = new NpgsqlBatchCommand(
            $"select seq_id, version, type, data, timestamp, user_name from {schema.Name}.mt_events where seq_id > $1 order by seq_id");
        read.Parameters.Add(new NpgsqlParameter { Value = position });
        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (first is not null)
            await reader.NextResultAsync(ct);
        var facts = new List<RecordedFact>();
        while (await reader.ReadAsync(ct))
            if (Parse(reader) is { } fact)
                facts.Add(fact);
        return facts;
    }

    /// <summary>The snapshot after one more fact, appended by a writer that holds the lock and so knows nothing came between.</summary>
    public static Snapshot Append(Snapshot from, RecordedFact fact) => new(from.Trail.Evolve(fact));

    /// <summary>Rows of other types (Marten's own tombstones for burnt sequence numbers) are not ledger facts.</summary>
    private static RecordedFact? Parse(DbDataReader row)
    {
        if (!TypesByName.TryGetValue(row.GetString(2), out var type))
            return null;
        var fact = (ILedgerFact)JsonSerializer.Deserialize(row.GetString(3), type, LedgerJson.Options)!;
        return new RecordedFact(
            fact,
            row.GetInt64(0),
            row.GetInt64(1),
            row.GetFieldValue<DateTimeOffset>(4),
            row.IsDBNull(5) ? null : row.GetString(5));
    }
}
