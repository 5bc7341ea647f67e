using Ledger.Api.Feed;
using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Ledger;
using Ledger.Domain.Knowledge;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// The feed against the facts: the envelopes stored in <c>feed_events</c> must be exactly those the writer builds
/// from each fact and the knowledge before and after it (<see cref="FeedEnvelopes.Build"/>, the same code), so a
/// subscriber is never told what the ledger does not hold. A fact with no envelope stored yet is not a fault: it
/// predates the feed, and the backfill gives it exactly the implied ones.
/// </summary>
public sealed class FeedVerification(LedgerLog log, LedgerSchema schema, FeedOptions options)
{
    private readonly Uri _source = new(options.Source, UriKind.RelativeOrAbsolute);

    /// <summary>Adds a fault for each position whose stored envelopes differ from the implied ones, in the caller's snapshot.</summary>
    public async Task Check(NpgsqlConnection connection, NpgsqlTransaction transaction, VerificationFaults faults, CancellationToken ct)
    {
        var stored = await Stored(connection, transaction, ct);
        if (stored.Count == 0)
            return;
        try
        {
            var facts = await log.FactsAfter(0, connection, transaction, ct);
            var known = LedgerKnowledge.Empty;
            foreach (var fact in facts)
            {
                var before = known;
                known = known.Evolve(fact);
                if (!stored.Remove(fact.Position, out var envelopes))
                    continue;
                var implied = FeedEnvelopes.Build(fact, before, known, _source).Select(Comparable);
                if (!envelopes.SequenceEqual(implied.OrderBy(envelope => envelope.Index)))
                    faults.Add(fact.Position, $"the feed's envelopes at position {fact.Position} are not the ones its fact implies: the feed was changed");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A stored fact the ledger could not have written (its rows were changed) has no implied envelopes: the
            // rows are reported by the leaves, and the feed can be judged again once they are put right.
            faults.Add(null, $"the feed was not checked, because the stored facts do not fold as the ledger's: {e.Message}");
            return;
        }

        foreach (var position in stored.Keys)
            faults.Add(position, $"the feed holds envelopes at position {position}, where the ledger holds no fact: they were inserted behind its back");
    }

    private async Task<SortedDictionary<long, List<FeedEnvelope>>> Stored(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select position, idx, id, type, subject, time, envelope from {schema.Name}.{FeedSchema.Events} order by position, idx", connection, transaction)
        {
            CommandTimeout = 0,
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stored = new SortedDictionary<long, List<FeedEnvelope>>();
        while (await reader.ReadAsync(ct))
        {
            var envelope = new FeedEnvelope(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6));
            if (!stored.TryGetValue(envelope.Position, out var envelopes))
                stored.Add(envelope.Position, envelopes = []);
            envelopes.Add(Comparable(envelope));
        }

        return stored;
    }

    /// <summary>PostgreSQL keeps microseconds: the implied time is compared at the precision the column can hold.</summary>
    private static FeedEnvelope Comparable(FeedEnvelope envelope) =>
        envelope with { Time = new DateTimeOffset(envelope.Time.UtcTicks - envelope.Time.UtcTicks % 10, TimeSpan.Zero) };
}
