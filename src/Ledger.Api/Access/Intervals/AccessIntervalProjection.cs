using System.Text.Json;
using Ledger.Api.Ledger;
using Ledger.Domain.Access;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// Keeps <see cref="AccessIntervalSchema"/> in step with every write, inside the writer's transaction: for the
/// cells a fact can change, from its effective time on, it recomputes the cell's timeline with the pure
/// <see cref="CellTimeline"/> and, where the answer differs from the live rows, closes them at the fact's
/// position and inserts the new ones. Past positions therefore keep answering exactly as they did.
/// </summary>
public sealed class AccessIntervalProjection(AccessIntervalSchema table) : IRecordingStep
{
    public const string Name = "access-intervals";

    public async Task OnRecorded(Recorded recorded, CancellationToken ct) =>
        await Apply(recorded.Fact, recorded.Before.Knowledge, recorded.After.Knowledge, recorded.Connection, recorded.Transaction, ct);

    public async Task Apply(RecordedFact fact, LedgerKnowledge before, LedgerKnowledge after, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var change = AffectedCells.Of(before, after, fact);
        if (change.Cells.Count > 0)
        {
            var live = await LiveRows(change.Cells, connection, transaction, ct);
            var closed = new List<long>();
            var inserted = new List<(CellKey, CellSegment)>();
            foreach (var cell in change.Cells)
            {
                var tail = CellTimeline.Of(after, cell, change.From);
                var (close, insert) = Reconcile(live.GetValueOrDefault(cell, []), tail);
                closed.AddRange(close);
                inserted.AddRange(insert.Select(segment => (cell, segment)));
            }

            await Close(closed, fact.Position, connection, transaction, ct);
            await Insert(inserted, fact.Position, connection, transaction, ct);
        }

        await using var progress = new NpgsqlCommand(
            $"insert into {table.Progress} (name, position) values ($1, $2) on conflict (name) do update set position = excluded.position",
            connection, transaction);
        progress.Parameters.Add(new NpgsqlParameter { Value = Name });
        progress.Parameters.Add(new NpgsqlParameter { Value = fact.Position });
        await progress.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Compares the live rows from the new tail's start with the new tail. Unchanged: nothing to write. Changed:
    /// every live row reaching into the tail is closed, and a row that started before the tail is re-inserted cut
    /// at the tail's start, unless it has the same answer as the tail's first segment, which then absorbs it.
    /// </summary>
    private static (IReadOnlyList<long> Close, IReadOnlyList<CellSegment> Insert) Reconcile(IReadOnlyList<AccessIntervalRow> live, IReadOnlyList<CellSegment> tail)
    {
        if (tail.Count == 0)
            return ([], []);
        var start = tail[0].ValidFrom;
        var reaching = live.Where(r => start is null || r.Segment.ValidTo is null || r.Segment.ValidTo > start).OrderBy(r => r.Segment.ValidFrom ?? DateTimeOffset.MinValue).ToList();
        var insert = tail.ToList();
        var head = reaching.FirstOrDefault(r => start is not null && (r.Segment.ValidFrom is null || r.Segment.ValidFrom < start));
        if (head is not null)
        {
            var cut = head.Segment with { ValidTo = start };
            if (cut.SameAnswer(insert[0]))
                insert[0] = insert[0] with { ValidFrom = cut.ValidFrom };
            else
                insert.Insert(0, cut);
        }

        var unchanged = reaching.Count == insert.Count
                        && reaching.Zip(insert).All(pair => pair.First.Segment.ValidFrom == pair.Second.ValidFrom
                                                            && pair.First.Segment.ValidTo == pair.Second.ValidTo
                                                            && pair.First.Segment.SameAnswer(pair.Second));
        return unchanged ? ([], []) : (reaching.Select(r => r.Id).ToList(), insert);
    }

    private async Task<Dictionary<CellKey, List<AccessIntervalRow>>> LiveRows(IReadOnlyCollection<CellKey> cells, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select i.id, i.model_id, i.organization_id, i.person_class, i.valid_from, i.valid_to, i.legal, i.provider, i.access, i.since, i.basis::text, i.reasons::text
            from {table.Table} i
            join unnest($1::text[], $2::text[], $3::text[]) as k(model_id, organization_id, person_class)
              on i.model_id = k.model_id and i.organization_id = k.organization_id and i.person_class = k.person_class
            where i.recorded_to is null
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Select(c => c.ModelId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Select(c => c.OrganizationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Select(c => Kebab<PersonClass>.Name(c.PersonClass)).ToArray() });
        var rows = new Dictionary<CellKey, List<AccessIntervalRow>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = AccessIntervalRows.Read(reader, withId: true);
            if (!rows.TryGetValue(row.Cell, out var list))
                rows[row.Cell] = list = [];
            list.Add(row);
        }

        return rows;
    }

    private async Task Close(IReadOnlyList<long> ids, long position, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        if (ids.Count == 0)
            return;
        await using var command = new NpgsqlCommand($"update {table.Table} set recorded_to = $1 where id = any($2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task Insert(IReadOnlyList<(CellKey Cell, CellSegment Segment)> rows, long position, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        await using var import = await connection.BeginBinaryImportAsync(
            $"copy {table.Table} (model_id, organization_id, person_class, valid_from, valid_to, recorded_from, legal, provider, access, since, basis, reasons) from stdin (format binary)", ct);
        foreach (var (cell, segment) in rows)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync(cell.ModelId, NpgsqlDbType.Text, ct);
            await import.WriteAsync(cell.OrganizationId, NpgsqlDbType.Text, ct);
            await import.WriteAsync(Kebab<PersonClass>.Name(cell.PersonClass), NpgsqlDbType.Text, ct);
            await WriteInstant(import, segment.ValidFrom, ct);
            await WriteInstant(import, segment.ValidTo, ct);
            await import.WriteAsync(position, NpgsqlDbType.Bigint, ct);
            await import.WriteAsync(Kebab<LegalState>.Name(segment.Legal), NpgsqlDbType.Text, ct);
            await import.WriteAsync(Kebab<ProviderState>.Name(segment.Provider), NpgsqlDbType.Text, ct);
            await import.WriteAsync(Kebab<Domain.Vocabulary.Access>.Name(segment.Access), NpgsqlDbType.Text, ct);
            await WriteInstant(import, segment.Since, ct);
            await import.WriteAsync(JsonSerializer.Serialize(segment.Basis, LedgerJson.Options), NpgsqlDbType.Jsonb, ct);
            await import.WriteAsync(JsonSerializer.Serialize(segment.Reasons, LedgerJson.Options), NpgsqlDbType.Jsonb, ct);
        }

        await import.CompleteAsync(ct);
    }

    private static async Task WriteInstant(NpgsqlBinaryImporter import, DateTimeOffset? instant, CancellationToken ct)
    {
        if (instant is { } value)
            await import.WriteAsync(value.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        else
            await import.WriteNullAsync(ct);
    }
}
