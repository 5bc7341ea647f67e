using System.Globalization;
using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Feed.Filtering;
using Ledger.Api.Feed.Recording;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Feed.Reading;

/// <summary>
/// Reads the feed in position order, never past its high-water mark: a position is served only once every lower
/// position is known to be final, committed or dead. Positions are final below <see cref="FinalThrough"/> and, above
/// it, as long as they are contiguous (nothing is missing, so nothing lower can still commit). A missing position is
/// proven dead by a barrier: read the sequence's last allocated value, then take the write lock once; every append
/// holds that lock from before its position is allocated until its transaction ends (<see cref="LedgerWriter"/>,
/// exclusively; any future writer may hold it shared), so once the lock is had, every position allocated before it
/// has committed or never will. A reader that cannot get the lock in time serves what it has proven and looks again.
/// Under that same lock, ledger facts recorded without envelopes (before the feed existed) are given theirs
/// (<see cref="FeedBackfill"/>), so a real fact is never taken for a dead position.
/// </summary>
public sealed class FeedReader(
    NpgsqlDataSource dataSource, LedgerSchema schema, FeedOptions options, FeedBackfill backfill, LedgerLog log, ILogger<FeedReader> logger)
{
    private const int FrontierScan = 1000;
    private long _finalThrough;

    /// <summary>Every position at or below this is committed or dead, as proven by this process.</summary>
    public long FinalThrough => Interlocked.Read(ref _finalThrough);

    public sealed record Position(long Number, IReadOnlyList<string> Envelopes);

    public sealed record Envelope(long Position, int Index, string Id, string Type, string Json);

    /// <summary>Up to <paramref name="limit"/> whole positions after <paramref name="after"/>, each with all its envelopes in order.</summary>
    public async Task<IReadOnlyList<Position>> ReadPositions(long after, int limit, CancellationToken ct) =>
        (await ReadPositions(after, limit, FeedFilter.Everything, ct)).Positions;

    /// <summary>
    /// Up to <paramref name="limit"/> positions after <paramref name="after"/> that changed a cell the filter holds,
    /// each with its ledger event and those of its access changes, in order; and the position read through, from
    /// which a consumer asks again (positions that changed none of its cells are passed over, not served).
    /// </summary>
    public async Task<(IReadOnlyList<Position> Positions, long Through)> ReadPositions(long after, int limit, FeedFilter filter, CancellationToken ct)
    {
        var through = await SafeThrough(after, ct);
        if (through <= after)
            return ([], after);
        var events = $"{schema.Name}.{FeedSchema.Events}";
        await using var command = dataSource.CreateCommand(filter.IsEverything
            ? $"""
               select position, envelope, idx, id from {events}
               where position in (select position from {events} where position > $1 and position <= $2 and idx = 0 order by position limit $3)
               order by position, idx
               """
            : $"""
               select position, envelope, idx, id from {events}
               where position in (select distinct position from {events} where position > $1 and position <= $2 and {Held(events, 4)} order by position limit $3)
                 and (idx = 0 or {Held(events, 4)})
               order by position, idx
               """);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = through });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        if (!filter.IsEverything)
        {
            command.Parameters.Add(TextArray(filter.ModelIds));
            command.Parameters.Add(TextArray(filter.OrganizationIds));
        }

        var now = log.Latest.Knowledge;
        var subscribers = WithheldNow.Subscribers(now);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var positions = new List<Position>();
        List<string>? current = null;
        while (await reader.ReadAsync(ct))
        {
            var number = reader.GetInt64(0);
            if (positions.Count == 0 || positions[^1].Number != number)
                positions.Add(new Position(number, current = []));
            current!.Add(WithheldNow.Envelope(reader.GetString(1), reader.GetInt32(2), reader.GetString(3), now, subscribers));
        }

        return (positions, positions.Count < limit ? through : positions[^1].Number);
    }

    /// <summary>
    /// Whether a row of <paramref name="table"/> is an access change of a cell the filter in parameters
    /// $<paramref name="models"/> and the next holds; ids never hold '/', so a subject's parts are its cell.
    /// </summary>
    private static string Held(string table, int models = 6) =>
        $"({table}.type = '{FeedEnvelopes.AccessChangedType}' and (${models}::text[] is null or split_part({table}.subject, '/', 2) = any(${models}))"
        + $" and (${models + 1}::text[] is null or split_part({table}.subject, '/', 3) = any(${models + 1})))";

    /// <summary>A list as a <c>text[]</c> parameter; empty as null, which every filter here reads as "all".</summary>
    internal static NpgsqlParameter TextArray(IReadOnlyList<string> values) => new()
    {
        Value = values.Count == 0 ? DBNull.Value : values.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
    };

    /// <summary>
    /// Up to <paramref name="limit"/> envelopes after (position, index), optionally only of some types and of some
    /// cells: the access changes of those cells and the ledger events of the positions that made one.
    /// </summary>
    public async Task<IReadOnlyList<Envelope>> ReadEnvelopes(
        long afterPosition, int afterIndex, IReadOnlyCollection<string>? types, int limit, CancellationToken ct, FeedFilter? filter = null)
    {
        var through = await SafeThrough(afterPosition, ct);
        var events = $"{schema.Name}.{FeedSchema.Events}";
        await using var command = dataSource.CreateCommand(
            $"""
             select position, idx, id, type, envelope from {events} e
             where (position, idx) > ($1, $2) and position <= $3 and ($4::text[] is null or type = any($4))
               and ($6::text[] is null and $7::text[] is null or {Held("e")}
                    or idx = 0 and exists (select 1 from {events} c where c.position = e.position and {Held("c")}))
             order by position, idx limit $5
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = afterPosition });
        command.Parameters.Add(new NpgsqlParameter { Value = afterIndex });
        command.Parameters.Add(new NpgsqlParameter { Value = through });
        command.Parameters.Add(new NpgsqlParameter { Value = types is null ? DBNull.Value : types.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(TextArray(filter?.ModelIds ?? []));
        command.Parameters.Add(TextArray(filter?.OrganizationIds ?? []));
        var now = log.Latest.Knowledge;
        var subscribers = WithheldNow.Subscribers(now);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var envelopes = new List<Envelope>();
        while (await reader.ReadAsync(ct))
        {
            var (index, id) = (reader.GetInt32(1), reader.GetString(2));
            envelopes.Add(new Envelope(reader.GetInt64(0), index, id, reader.GetString(3), WithheldNow.Envelope(reader.GetString(4), index, id, now, subscribers)));
        }
        return envelopes;
    }

    /// <summary>The head of the feed: the highest position that may be served.</summary>
    public Task<long> Head(CancellationToken ct) => SafeThrough(FinalThrough, ct);

    /// <summary>
    /// The highest position h at or after <paramref name="after"/> such that every position in (after, h] is final.
    /// </summary>
    public async Task<long> SafeThrough(long after, CancellationToken ct)
    {
        var proven = false;
        while (true)
        {
            var final = FinalThrough;
            var start = Math.Max(after, final);
            var (through, blocked) = await Contiguous(start, final, ct);
            if (start == final)
                Raise(through);
            if (!blocked || proven)
                return through;
            proven = true;
            if (!await ProveGapsDead(ct))
                return through;
        }
    }

    /// <summary>Walks the positions after <paramref name="start"/> while none is missing; blocked when a later one exists past a gap.</summary>
    private async Task<(long Through, bool Blocked)> Contiguous(long start, long final, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select position from {schema.Name}.{FeedSchema.Events} where position > $1 and idx = 0 order by position limit {FrontierScan}");
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var through = start;
        while (await reader.ReadAsync(ct))
        {
            var position = reader.GetInt64(0);
            if (position != through + 1 && position - 1 > final)
                return (through, true);
            through = position;
        }

        return (through, false);
    }

    private async Task<bool> ProveGapsDead(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        long allocated;
        await using (var sequence = new NpgsqlCommand(
                         $"select case when is_called then last_value else last_value - 1 end from {schema.Name}.mt_events_sequence", connection))
            allocated = (long)(await sequence.ExecuteScalarAsync(ct))!;

        await using var transaction = await connection.BeginTransactionAsync(ct);
        var timeout = ((long)options.GapProofTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await using (var limit = new NpgsqlCommand($"set local lock_timeout = {timeout}", connection, transaction))
            await limit.ExecuteNonQueryAsync(ct);
        try
        {
            await using var barrier = new NpgsqlCommand($"select pg_advisory_xact_lock({LedgerWriter.WriteLockKey})", connection, transaction);
            await barrier.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            logger.LogInformation("A writer held the ledger's write lock for over {Timeout}; positions above {Final} wait for the next look", options.GapProofTimeout, FinalThrough);
            return false;
        }

        await backfill.Fill(connection, transaction, Math.Min(FinalThrough, allocated), allocated, ct);
        await transaction.CommitAsync(ct);
        if (allocated < FinalThrough)
        {
            logger.LogWarning("The event sequence ({Allocated}) is below the feed's proven position ({Final}): the event store was reset; starting over", allocated, FinalThrough);
            Interlocked.Exchange(ref _finalThrough, allocated);
        }

        Raise(allocated);
        return true;
    }

    private void Raise(long through)
    {
        var current = Interlocked.Read(ref _finalThrough);
        while (through > current)
        {
            var seen = Interlocked.CompareExchange(ref _finalThrough, through, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
