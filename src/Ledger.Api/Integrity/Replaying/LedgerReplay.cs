using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Ledger;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Npgsql;

namespace Ledger.Api.Integrity.Replaying;

/// <summary>Where to cut the log for a replay, and the effective instant at which to read the rebuilt matrix.</summary>
public sealed record ReplayCut(long? Position, DateTimeOffset? KnownAt, DateTimeOffset AsOf);

/// <summary>One cell that the rebuild and the live service answer differently (null: the cell is missing on that side).</summary>
public sealed record CellDifference(string Cell, JsonNode? Rebuilt, JsonNode? Live);

public sealed record ReplayResult(long Position, int Facts, int Cells, string ScratchSchema, IReadOnlyList<CellDifference> Differences);

/// <summary>
/// Rebuilds the ledger's read model from the event table alone, with no help from the running service: every
/// stored fact up to a position (or recorded up to an instant) is read with its own query and folded from
/// nothing into <see cref="LedgerKnowledge"/>. The access matrix of that rebuild is written to a scratch schema
/// (<c>ledger_replay</c>) for inspection and compared, cell by cell, with the matrix the live service answers
/// for the same cut. The read models that exist are the in-memory knowledge fold and the matrix and checks
/// computed from it; the matrix covers them, since every check is a cell of it.
/// </summary>
public sealed class LedgerReplay(NpgsqlDataSource dataSource, LedgerSchema schema)
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
        await WriteScratch(position, cut.AsOf, rebuiltCells, ct);

        var liveCells = Keyed((await live(position, cut.AsOf, ct))["cells"]!.AsArray());
        var differences = rebuiltCells.Keys.Union(liveCells.Keys).Order(StringComparer.Ordinal)
            .Where(key => !JsonNode.DeepEquals(rebuiltCells.GetValueOrDefault(key), liveCells.GetValueOrDefault(key)))
            .Select(key => new CellDifference(key, rebuiltCells.GetValueOrDefault(key), liveCells.GetValueOrDefault(key)))
            .ToList();
        return new ReplayResult(position, facts.Count, rebuiltCells.Count, ScratchSchema, differences);
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

    private async Task WriteScratch(long position, DateTimeOffset asOf, Dictionary<string, JsonNode> cells, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand($"""
                         drop schema if exists {ScratchSchema} cascade;
                         create schema {ScratchSchema};
                         create table {ScratchSchema}.access_matrix (cell text primary key, position bigint not null, as_of timestamptz not null, value jsonb not null);
                         """, connection, transaction))
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

        await transaction.CommitAsync(ct);
    }

    private static Dictionary<string, JsonNode> Keyed(JsonArray cells) =>
        cells.OfType<JsonNode>().ToDictionary(
            cell => $"{cell["modelId"]} x {cell["organizationId"]} x {cell["personClass"]}",
            cell => cell.DeepClone());
}
