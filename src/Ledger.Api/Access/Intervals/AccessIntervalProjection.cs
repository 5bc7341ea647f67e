using System.Text.Json;
using Ledger.Api.Ledger;
using Ledger.Domain.Access;
using Ledger.Domain.Changes;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// Keeps <see cref="AccessIntervalSchema"/> in step with the ledger. For the cells a fact can change, from its
/// effective time on, it takes the cells' new timeline tails from the pure <see cref="FactChange"/> (the feed
/// announces from the same tails) and, where a tail differs from the live rows, closes them at the fact's
/// position and inserts the new ones: past
/// positions keep answering exactly as they did. On a write this runs inside the writer's transaction; a rebuild
/// runs the same reconciliation over the whole log with the live rows held in memory and written in bulk.
/// </summary>
internal sealed class AccessIntervalProjection(AccessIntervalSchema table) : IRecordingStep
{
    public const string Name = "access-intervals";

    public async Task OnRecorded(RecordedGroup group, CancellationToken ct)
    {
        var reaches = group.Facts.Select(f => (Recorded: f, Reach: Reach.Of(f.Before.Knowledge, f.After.Knowledge, f.Fact.Fact))).ToList();
        var live = await LiveRows(reaches.SelectMany(r => r.Reach.Cells).ToHashSet(), group.Connection, group.Transaction, ct);
        var closed = new List<AccessIntervalRow>();
        foreach (var (recorded, reach) in reaches)
            Reconcile(Drawn(reach, recorded.After.Knowledge, live), recorded.Fact.Position, live, closed);

        // One round trip for what the whole group changes: rows of the table it closed, rows it opened (closed again
        // by a later fact of the group or still live), and the projection's progress.
        var opened = closed.Where(row => row.Id == 0).Concat(live.Values.SelectMany(rows => rows).Where(row => row.Id == 0)).ToList();
        await using var batch = new NpgsqlBatch(group.Connection, group.Transaction);
        if (closed.Any(row => row.Id != 0))
            batch.BatchCommands.Add(CloseCommand(closed.Where(row => row.Id != 0).ToList()));
        if (opened.Count > 0)
            batch.BatchCommands.Add(InsertCommand(opened));
        batch.BatchCommands.Add(ProgressCommand(group.Facts[^1].Fact.Position));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// When a catch-up stores live rows early: a row that ends <paramref name="After"/> behind the latest effective
    /// time folded so far, looked for every <paramref name="Every"/> facts. A row is only closed by a fact that takes
    /// effect before its end, and facts are rarely backdated by more than a year, so such a row has most likely
    /// settled: stored now, PostgreSQL indexes it while the fold goes on, instead of in one burst at the end with the
    /// fold done and a core idle. Should a later fact close it after all, it is closed in the table like any stored row.
    /// </summary>
    public sealed record Settling(TimeSpan After, int Every)
    {
        public static readonly Settling Default = new(TimeSpan.FromDays(366), 1024);
    }

    /// <summary>
    /// Brings the table from <paramref name="done"/> to the end of <paramref name="facts"/>; facts at or before
    /// <paramref name="done"/> only rebuild knowledge. Reports each fact's position to <paramref name="progress"/>.
    /// Returns the knowledge folded from <paramref name="facts"/>, with the knowledge at every position of them.
    /// </summary>
    public async Task<KnowledgeTrail> CatchUp(
        IReadOnlyList<RecordedFact> facts, long done, NpgsqlConnection connection, NpgsqlTransaction transaction, IProgress<long>? progress, CancellationToken ct,
        Settling? settling = null)
    {
        settling ??= Settling.Default;
        var live = done == 0 ? [] : await AllLiveRows(connection, transaction, ct);
        var closed = new List<AccessIntervalRow>();
        var closedInTable = new List<AccessIntervalRow>();
        var known = KnowledgeTrail.Empty;
        DateTimeOffset? frontier = null;

        // One COPY for every new row, fed while the facts are reconciled: PostgreSQL stores and indexes rows while
        // the next facts are computed, instead of the two taking turns. Closed rows are final as soon as they close.
        await using (var import = await BeginCopy(connection, ct))
        {
            for (var i = 0; i < facts.Count; i++)
            {
                var fact = facts[i];
                var next = known.Evolve(fact);
                if (fact.Position > done)
                {
                    var reach = Reach.Of(known.Head, next.Head, fact.Fact);
                    Reconcile(Drawn(reach, next.Head, live), fact.Position, live, closed);
                    foreach (var row in closed)
                    {
                        if (row.Id == 0)
                            await Write(import, row, ct);
                        else
                            closedInTable.Add(row);
                    }

                    closed.Clear();
                    if (reach.Cells.Count > 0 && reach.From is { } from && (frontier is null || from > frontier))
                        frontier = from;
                    if (i % settling.Every == 0 && frontier is { } latest)
                        await StoreSettled(live, latest - settling.After, import, ct);
                    progress?.Report(fact.Position);
                }

                known = next;
            }

            foreach (var row in live.Values.SelectMany(rows => rows).Where(row => row.Id == 0))
                await Write(import, row, ct);
            await import.CompleteAsync(ct);
        }

        // Rows that were in the table before are closed in place, once the COPY has given the connection back.
        await Close(closedInTable, connection, transaction, ct);
        if (facts.Count > 0)
            await SaveProgress(facts[^1].Position, connection, transaction, ct);
        return known;
    }

    /// <summary>Stores every live row not yet stored that ends at or before <paramref name="settled"/>.</summary>
    /// <remarks>
    /// In a cell's list, stored rows come first (rows read from the table, then rows stored by this method), since
    /// <see cref="Reconcile"/> only replaces a list's last rows: the first row still to store is a binary search
    /// away, and the rows after it end later, so the walk stops at the first that has not settled.
    /// </remarks>
    private static async Task StoreSettled(
        Dictionary<CellKey, List<AccessIntervalRow>> live, DateTimeOffset settled, NpgsqlBinaryImporter import, CancellationToken ct)
    {
        foreach (var rows in live.Values)
        {
            var (low, high) = (0, rows.Count);
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (rows[middle].Id != 0)
                    low = middle + 1;
                else
                    high = middle;
            }

            for (var i = low; i < rows.Count && rows[i].Segment.ValidTo is { } to && to <= settled; i++)
            {
                await Write(import, rows[i], ct);
                rows[i] = rows[i] with { Id = AccessIntervalRow.Copied };
            }
        }
    }

    public async Task<long> Progress(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand($"select position from {table.Progress} where name = $1", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = Name });
        return await read.ExecuteScalarAsync(ct) as long? ?? 0;
    }

    /// <summary>
    /// The new tails of the cells within <paramref name="reach"/>, each started from the live row holding just
    /// before it, which spares walking the cell's history back for its <c>since</c>.
    /// </summary>
    private static IEnumerable<CellTail> Drawn(Reach reach, LedgerKnowledge after, Dictionary<CellKey, List<AccessIntervalRow>> live) =>
        FactChange.Of(reach, after, (cell, start) => Before(Live(live, cell), start)?.Segment);

    /// <summary>
    /// For each cell: compares its live rows from the new tail's start with the new tail. Unchanged: nothing.
    /// Changed: every live row reaching into the tail is closed, and a row that started before the tail is
    /// re-inserted cut at the tail's start, unless it answers as the tail's first segment, which then absorbs it.
    /// Closed rows leave <paramref name="live"/> for <paramref name="closed"/>; new rows join <paramref name="live"/>
    /// with id 0, not yet written: the caller writes both.
    /// </summary>
    /// <remarks>
    /// A cell's live rows tile effective time and are kept in its order (see <see cref="ReadRows"/>; a tail replaces
    /// the rows from its start on, and inserted rows follow the rest), so the rows a tail reaches are the last ones:
    /// a walk back from the end finds them, where a search of every row would grow with the cell's history.
    /// </remarks>
    private static void Reconcile(
        IEnumerable<CellTail> tails, long position, Dictionary<CellKey, List<AccessIntervalRow>> live, List<AccessIntervalRow> closed)
    {
        foreach (var (cell, _, tail) in tails)
        {
            var rows = Live(live, cell);
            var start = tail[0].ValidFrom;
            var reaching = rows.Count;
            while (reaching > 0 && (start is null || rows[reaching - 1].Segment.ValidTo is not { } to || to > start))
                reaching--;
            var insert = tail.ToList();
            if (start is not null && reaching < rows.Count && rows[reaching].Segment.ValidFrom is var from && (from is null || from < start))
            {
                var cut = rows[reaching].Segment with { ValidTo = start };
                if (cut.SameAnswer(insert[0]))
                    insert[0] = insert[0] with { ValidFrom = cut.ValidFrom };
                else
                    insert.Insert(0, cut);
            }

            if (Unchanged(rows, reaching, insert))
                continue;
            for (var i = reaching; i < rows.Count; i++)
                closed.Add(rows[i] with { RecordedTo = position });
            rows.RemoveRange(reaching, rows.Count - reaching);
            rows.AddRange(insert.Select(segment => new AccessIntervalRow(0, cell, segment, position)));
        }
    }

    /// <summary>The live row holding just before <paramref name="start"/>: the one starting before it and ending at or after it.</summary>
    private static AccessIntervalRow? Before(List<AccessIntervalRow> rows, DateTimeOffset start)
    {
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            var segment = rows[i].Segment;
            if (segment.ValidTo is { } to && to < start)
                return null;
            if (segment.ValidFrom is null || segment.ValidFrom < start)
                return rows[i];
        }

        return null;
    }

    private static bool Unchanged(List<AccessIntervalRow> rows, int reaching, List<CellSegment> insert)
    {
        if (rows.Count - reaching != insert.Count)
            return false;
        for (var i = 0; i < insert.Count; i++)
        {
            var row = rows[reaching + i].Segment;
            if (row.ValidFrom != insert[i].ValidFrom || row.ValidTo != insert[i].ValidTo || !row.SameAnswer(insert[i]))
                return false;
        }

        return true;
    }

    private static List<AccessIntervalRow> Live(Dictionary<CellKey, List<AccessIntervalRow>> live, CellKey cell)
    {
        if (!live.TryGetValue(cell, out var rows))
            live[cell] = rows = [];
        return rows;
    }

    private const string Columns = "i.id, i.model_id, i.organization_id, i.person_class, i.valid_from, i.valid_to, i.legal, i.provider, i.access, i.since, i.basis::text, i.reasons::text, i.recorded_from";

    private async Task<Dictionary<CellKey, List<AccessIntervalRow>>> LiveRows(
        IReadOnlyCollection<CellKey> cells, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        if (cells.Count == 0)
            return [];
        // One index probe per cell: a lateral subquery kept from being flattened into a join (offset 0). As a join,
        // the planner may hash the whole table against the cells, spilling to disk once the table is large.
        await using var command = new NpgsqlCommand($"""
            select {Columns}
            from unnest($1::text[], $2::text[], $3::text[]) as k(model_id, organization_id, person_class)
            cross join lateral (
              select * from {table.Table} i
              where i.model_id = k.model_id and i.organization_id = k.organization_id and i.person_class = k.person_class and i.recorded_to is null
              offset 0
            ) i
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Select(c => c.ModelId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Select(c => c.OrganizationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Select(c => Kebab<PersonClass>.Name(c.PersonClass)).ToArray() });
        return await ReadRows(command, ct);
    }

    private async Task<Dictionary<CellKey, List<AccessIntervalRow>>> AllLiveRows(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {Columns} from {table.Table} i where i.recorded_to is null", connection, transaction);
        return await ReadRows(command, ct);
    }

    private static async Task<Dictionary<CellKey, List<AccessIntervalRow>>> ReadRows(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new Dictionary<CellKey, List<AccessIntervalRow>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = AccessIntervalRows.Read(reader, withId: true);
            Live(rows, row.Cell).Add(row);
        }

        // In effective-time order, as Reconcile keeps them.
        foreach (var cellRows in rows.Values)
            cellRows.Sort((a, b) => Nullable.Compare(a.Segment.ValidFrom, b.Segment.ValidFrom));
        return rows;
    }

    /// <summary>Closes rows already in the table (rows never written are copied with their closing position instead).</summary>
    private async Task Close(IReadOnlyList<AccessIntervalRow> rows, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (rows.Any(row => row.Id > 0))
            batch.BatchCommands.Add(CloseCommand(rows.Where(row => row.Id > 0).ToList()));
        if (rows.Any(row => row.Id == AccessIntervalRow.Copied))
            batch.BatchCommands.Add(CloseCopiedCommand(rows.Where(row => row.Id == AccessIntervalRow.Copied).ToList()));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlBatchCommand CloseCommand(IReadOnlyList<AccessIntervalRow> rows) => new(
        $"update {table.Table} i set recorded_to = c.recorded_to from unnest($1::bigint[], $2::bigint[]) as c(id, recorded_to) where i.id = c.id")
    {
        Parameters =
        {
            new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() },
            new NpgsqlParameter { Value = rows.Select(r => r.RecordedTo!.Value).ToArray() },
        },
    };

    /// <summary>Closes live rows a COPY stored, by what tells a cell's live rows apart (see <see cref="AccessIntervalRow.Copied"/>).</summary>
    private NpgsqlBatchCommand CloseCopiedCommand(IReadOnlyList<AccessIntervalRow> rows) => new($"""
        update {table.Table} i set recorded_to = c.recorded_to
        from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::bigint[])
          as c(model_id, organization_id, person_class, valid_from, recorded_from, recorded_to)
        where i.model_id = c.model_id and i.organization_id = c.organization_id and i.person_class = c.person_class
          and i.valid_from is not distinct from c.valid_from and i.recorded_from = c.recorded_from and i.recorded_to is null
        """)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = rows.Select(r => r.Cell.ModelId).ToArray() },
            new NpgsqlParameter { Value = rows.Select(r => r.Cell.OrganizationId).ToArray() },
            new NpgsqlParameter { Value = rows.Select(r => Kebab<PersonClass>.Name(r.Cell.PersonClass)).ToArray() },
            new NpgsqlParameter { Value = rows.Select(r => r.Segment.ValidFrom?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            new NpgsqlParameter { Value = rows.Select(r => r.RecordedFrom).ToArray() },
            new NpgsqlParameter { Value = rows.Select(r => r.RecordedTo!.Value).ToArray() },
        },
    };

    private NpgsqlBatchCommand InsertCommand(IReadOnlyList<AccessIntervalRow> rows)
    {
        DateTime?[] Instants(Func<CellSegment, DateTimeOffset?> instant) => rows.Select(r => instant(r.Segment)?.UtcDateTime).ToArray();
        return new NpgsqlBatchCommand($"""
            insert into {table.Table} (model_id, organization_id, person_class, valid_from, valid_to, recorded_from, recorded_to, legal, provider, access, since, basis, reasons)
            select m, o, c, vf, vt, rf, rt, l, p, a, s, b::jsonb, r::jsonb
            from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::bigint[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::text[])
              as u(m, o, c, vf, vt, rf, rt, l, p, a, s, b, r)
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = rows.Select(r => r.Cell.ModelId).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Cell.OrganizationId).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => Kebab<PersonClass>.Name(r.Cell.PersonClass)).ToArray() },
                new NpgsqlParameter { Value = Instants(s => s.ValidFrom), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = Instants(s => s.ValidTo), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = rows.Select(r => r.RecordedFrom).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.RecordedTo).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new NpgsqlParameter { Value = rows.Select(r => Kebab<LegalState>.Name(r.Segment.Legal)).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => Kebab<ProviderState>.Name(r.Segment.Provider)).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => Kebab<Domain.Vocabulary.Access>.Name(r.Segment.Access)).ToArray() },
                new NpgsqlParameter { Value = Instants(s => s.Since), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = rows.Select(r => JsonSerializer.Serialize(r.Segment.Basis, LedgerJson.Options)).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => JsonSerializer.Serialize(r.Segment.Reasons, LedgerJson.Options)).ToArray() },
            },
        };
    }

    private Task<NpgsqlBinaryImporter> BeginCopy(NpgsqlConnection connection, CancellationToken ct) => connection.BeginBinaryImportAsync(
        $"copy {table.Table} (model_id, organization_id, person_class, valid_from, valid_to, recorded_from, recorded_to, legal, provider, access, since, basis, reasons) from stdin (format binary)", ct);

    private static async Task Write(NpgsqlBinaryImporter import, AccessIntervalRow row, CancellationToken ct)
    {
        var segment = row.Segment;
        await import.StartRowAsync(ct);
        await import.WriteAsync(row.Cell.ModelId, NpgsqlDbType.Text, ct);
        await import.WriteAsync(row.Cell.OrganizationId, NpgsqlDbType.Text, ct);
        await import.WriteAsync(Kebab<PersonClass>.Name(row.Cell.PersonClass), NpgsqlDbType.Text, ct);
        await WriteInstant(import, segment.ValidFrom, ct);
        await WriteInstant(import, segment.ValidTo, ct);
        await import.WriteAsync(row.RecordedFrom, NpgsqlDbType.Bigint, ct);
        if (row.RecordedTo is { } to)
            await import.WriteAsync(to, NpgsqlDbType.Bigint, ct);
        else
            await import.WriteNullAsync(ct);
        await import.WriteAsync(Kebab<LegalState>.Name(segment.Legal), NpgsqlDbType.Text, ct);
        await import.WriteAsync(Kebab<ProviderState>.Name(segment.Provider), NpgsqlDbType.Text, ct);
        await import.WriteAsync(Kebab<Domain.Vocabulary.Access>.Name(segment.Access), NpgsqlDbType.Text, ct);
        await WriteInstant(import, segment.Since, ct);
        await import.WriteAsync(JsonSerializer.Serialize(segment.Basis, LedgerJson.Options), NpgsqlDbType.Jsonb, ct);
        await import.WriteAsync(JsonSerializer.Serialize(segment.Reasons, LedgerJson.Options), NpgsqlDbType.Jsonb, ct);
    }

    private async Task SaveProgress(long position, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { ProgressCommand(position) } };
        await batch.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlBatchCommand ProgressCommand(long position) => new(
        $"insert into {table.Progress} (name, position) values ($1, $2) on conflict (name) do update set position = excluded.position")
    {
        Parameters = { new NpgsqlParameter { Value = Name }, new NpgsqlParameter { Value = position } },
    };

    private static async Task WriteInstant(NpgsqlBinaryImporter import, DateTimeOffset? instant, CancellationToken ct)
    {
        if (instant is { } value)
            await import.WriteAsync(value.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        else
            await import.WriteNullAsync(ct);
    }
}
