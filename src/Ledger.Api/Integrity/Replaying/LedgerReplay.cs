using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Access.Intervals;
using Ledger.Api.Ledger;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Npgsql;

namespace Ledger.Api.Integrity.Replaying;

/// <summary>Where to cut the log for a replay, and the effective instant at which to read the rebuilt matrix.</summary>
internal sealed record ReplayCut(long? Position, DateTimeOffset? KnownAt, DateTimeOffset AsOf);

/// <summary>One cell that the rebuild and the live service answer differently (null: the cell is missing on that side).</summary>
internal sealed record CellDifference(string Cell, JsonNode? Rebuilt, JsonNode? Live);

/// <summary>
/// What a replay found: the matrix cells and the interval rows (<c>access_intervals</c>, as known at the cut) on
/// which the rebuild and the live read models disagree.
/// </summary>
internal sealed record ReplayResult(
    long Position, int Facts, int Cells, long IntervalRows, string ScratchSchema,
    IReadOnlyList<CellDifference> Differences, IReadOnlyList<string> IntervalDifferences)
{
    public bool Equal => Differences.Count == 0 && IntervalDifferences.Count == 0;
}

/// <summary>
/// Rebuilds the ledger's read models from the event table alone, with no help from the running service: every
/// stored fact up to a position (or recorded up to an instant) is read with its own query and folded from
/// nothing into <see cref="LedgerKnowledge"/>, and the temporal read model (<c>access_intervals</c>) is built
/// from scratch into the scratch schema <c>ledger_replay</c> by the service's own projection code. Then
/// <list type="bullet">
/// <item>every interval row the live table held at the cut is compared with the rebuilt rows (both ways);</item>
/// <item>the access matrix of the rebuilt knowledge is compared, cell by cell, with the matrix the live service
/// answers for the same cut (in process from its interval table, or a running service over HTTP).</item>
/// </list>
/// These are the read models that exist: the in-memory knowledge fold (which the checks, registers and
/// histories read) and the interval table (which the matrix reads). The matrix comparison covers the fold,
/// since every check is a cell of the matrix.
/// </summary>
internal sealed class LedgerReplay(NpgsqlDataSource dataSource, LedgerSchema schema)
{
    public const string ScratchSchema = "ledger_replay";

    private static readonly IReadOnlyDictionary<string, Type> TypesByName = LedgerEventTypes.Names.ToDictionary(p => p.Value, p => p.Key);

    /// <param name="live">asks the live service for its matrix at a position and instant</param>
    public async Task<ReplayResult> Run(ReplayCut cut, Func<long, DateTimeOffset, CancellationToken, Task<JsonNode>> live, CancellationToken ct)
    {
        var facts = await Facts(cut, ct);
        var rebuilt = LedgerKnowledge.Fold(facts);
        var position = cut.Position ?? rebuilt.Position;
        var cells = AccessMatrix.Evaluate(rebuilt, cut.AsOf);
        var rebuiltCells = Keyed(JsonSerializer.SerializeToNode(cells, LedgerJson.Options)!.AsArray());
        var (rows, intervalDifferences) = await RebuildIntervals(facts, position, cut.AsOf, rebuiltCells, ct);

        var liveCells = Keyed((await live(position, cut.AsOf, ct))["cells"]!.AsArray());
        var differences = rebuiltCells.Keys.Union(liveCells.Keys).Order(StringComparer.Ordinal)
            .Where(key => !JsonNode.DeepEquals(rebuiltCells.GetValueOrDefault(key), liveCells.GetValueOrDefault(key)))
            .Select(key => new CellDifference(key, rebuiltCells.GetValueOrDefault(key), liveCells.GetValueOrDefault(key)))
            .ToList();
        return new ReplayResult(position, facts.Count, rebuiltCells.Count, rows, ScratchSchema, differences, intervalDifferences);
    }

    /// <summary>
    /// Builds the interval table from nothing into the scratch schema, keeps the rebuilt matrix beside it, and
    /// compares the rebuilt rows with the live rows as the live table stood at <paramref name="position"/>: rows
    /// recorded after it left out, rows closed after it still open.
    /// </summary>
    private async Task<(long Rows, List<string> Differences)> RebuildIntervals(
        IReadOnlyList<RecordedFact> facts, long position, DateTimeOffset asOf, Dictionary<string, JsonNode> cells, CancellationToken ct)
    {
        await using (var drop = dataSource.CreateCommand($"drop schema if exists {ScratchSchema} cascade"))
            await drop.ExecuteNonQueryAsync(ct);
        var live = new AccessIntervalSchema(dataSource, schema);
        var scratch = new AccessIntervalSchema(dataSource, new LedgerSchema(ScratchSchema));
        await scratch.Ensure(ct);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await new AccessIntervalProjection(scratch).CatchUp(facts, 0, connection, transaction, null, ct);
        await WriteMatrix(position, asOf, cells, connection, transaction, ct);

        const string columns = "model_id, organization_id, person_class, valid_from, valid_to, recorded_from, recorded_to, legal, provider, access, since, basis, reasons";
        await using var compare = new NpgsqlCommand($"""
            with live as (
                select model_id, organization_id, person_class, valid_from, valid_to, recorded_from,
                       case when recorded_to > $1 then null else recorded_to end as recorded_to,
                       legal, provider, access, since, basis, reasons
                from {live.Table} where recorded_from <= $1),
            rebuilt as (select {columns} from {scratch.Table})
            select 'only live: ' || row_to_json(d)::text from (select * from live except all select * from rebuilt) d
            union all
            select 'only rebuilt: ' || row_to_json(d)::text from (select * from rebuilt except all select * from live) d
            limit 100
            """, connection, transaction);
        compare.Parameters.Add(new NpgsqlParameter { Value = position });
        var differences = new List<string>();
        await using (var reader = await compare.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                differences.Add(reader.GetString(0));

        await using var count = new NpgsqlCommand($"select count(*) from {scratch.Table}", connection, transaction);
        var rows = (long)(await count.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return (rows, differences);
    }

    private async Task<List<RecordedFact>> Facts(ReplayCut cut, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select seq_id, version, type, data::text, timestamp, user_name from {schema.Name}.mt_events " +
            "where seq_id <= $1 and timestamp <= $2 order by seq_id");
        command.Parameters.Add(new NpgsqlParameter { Value = cut.Position ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter { Value = cut.KnownAt ?? DateTimeOffset.MaxValue });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var facts = new List<RecordedFact>();
        while (await reader.ReadAsync(ct))
        {
            if (!TypesByName.TryGetValue(reader.GetString(2), out var type))
                continue;
            var fact = (ILedgerFact)JsonSerializer.Deserialize(reader.GetString(3), type, LedgerJson.Options)!;
            facts.Add(new RecordedFact(fact, reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return facts;
    }

    private static async Task WriteMatrix(
        long position, DateTimeOffset asOf, Dictionary<string, JsonNode> cells, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
                         $"create table {ScratchSchema}.access_matrix (cell text primary key, position bigint not null, as_of timestamptz not null, value jsonb not null)",
                         connection, transaction))
            await create.ExecuteNonQueryAsync(ct);
        foreach (var (key, cell) in cells)
        {
            await using var insert = new NpgsqlCommand($"insert into {ScratchSchema}.access_matrix values ($1, $2, $3, $4::jsonb)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = position });
            insert.Parameters.Add(new NpgsqlParameter { Value = asOf });
            insert.Parameters.Add(new NpgsqlParameter { Value = cell.ToJsonString() });
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static Dictionary<string, JsonNode> Keyed(JsonArray cells) =>
        cells.OfType<JsonNode>().ToDictionary(
            cell => $"{cell["modelId"]} x {cell["organizationId"]} x {cell["personClass"]}",
            cell => cell.DeepClone());
}
