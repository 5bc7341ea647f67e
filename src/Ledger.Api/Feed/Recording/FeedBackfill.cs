using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Npgsql;

namespace Ledger.Api.Feed.Recording;

/// <summary>
/// Gives envelopes to ledger facts that have none: facts recorded before the feed existed (a ledger upgraded to it).
/// It runs under the write lock, from the reader's proof that a gap is dead, so the feed can never declare a real
/// fact dead and skip it. The envelopes are exactly those the recording step would have stored, because they are
/// a pure function of the fact and the knowledge before and after it.
/// </summary>
public sealed class FeedBackfill(LedgerLog log, LedgerSchema schema, FeedOptions options, ILogger<FeedBackfill> logger)
{
    private static readonly string[] LedgerTypes = LedgerEventTypes.Names.Values.ToArray();
    private readonly Uri _source = new(options.Source, UriKind.RelativeOrAbsolute);

    /// <summary>Stores envelopes for every ledger fact in (after, through] without any; answers how many it stored.</summary>
    public async Task<int> Fill(NpgsqlConnection connection, NpgsqlTransaction transaction, long after, long through, CancellationToken ct)
    {
        var missing = new HashSet<long>();
        await using (var find = new NpgsqlCommand(
                         $"""
                          select e.seq_id from {schema.Name}.mt_events e
                          where e.seq_id > $1 and e.seq_id <= $2 and e.type = any($3)
                            and not exists (select 1 from {schema.Name}.{FeedSchema.Events} f where f.position = e.seq_id)
                          """, connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = after });
            find.Parameters.Add(new NpgsqlParameter { Value = through });
            find.Parameters.Add(new NpgsqlParameter { Value = LedgerTypes });
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                missing.Add(reader.GetInt64(0));
        }

        if (missing.Count == 0)
            return 0;

        var all = await log.FactsAfter(0, connection, transaction, ct);
        var known = LedgerKnowledge.Empty;
        foreach (var fact in all.TakeWhile(f => f.Position <= through))
        {
            var before = known;
            known = known.Evolve(fact);
            if (missing.Contains(fact.Position))
                await FeedRecorder.Store(connection, transaction, schema, FeedEnvelopes.Build(fact, before, known, _source), ct);
        }

        logger.LogWarning("Gave feed envelopes to {Count} ledger facts recorded without them, between positions {After} and {Through}", missing.Count, after, through);
        return missing.Count;
    }
}
