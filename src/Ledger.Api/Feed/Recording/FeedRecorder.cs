using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Feed.Recording;

/// <summary>
/// Stores a fact's envelopes in the fact's own transaction, so the feed holds an event exactly when the ledger
/// does, and announces the position with <c>pg_notify</c>, which PostgreSQL delivers only once the transaction
/// commits (and never when it rolls back).
/// </summary>
public sealed class FeedRecorder(LedgerSchema schema, FeedOptions options) : IRecordingStep
{
    private readonly Uri _source = new(options.Source, UriKind.RelativeOrAbsolute);

    public async Task OnRecorded(Recorded recorded, CancellationToken ct)
    {
        var envelopes = FeedEnvelopes.Build(recorded.Fact, recorded.Before.Knowledge, recorded.After.Knowledge, _source);
        await Store(recorded.Connection, recorded.Transaction, schema, envelopes, ct);
        await using var notify = new NpgsqlCommand("select pg_notify($1, $2)", recorded.Connection, recorded.Transaction);
        notify.Parameters.Add(new NpgsqlParameter { Value = FeedSchema.Channel(schema) });
        notify.Parameters.Add(new NpgsqlParameter { Value = recorded.Fact.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await notify.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Stores envelopes of a new position. Rows at or above it can only be left over from before the event store was
    /// reset under the feed (Marten's ResetAllData in tests restarts positions): they are removed first, in the same
    /// transaction. Normally there are none, and the delete is one empty index probe.
    /// </summary>
    public static async Task Store(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, LedgerSchema schema, IReadOnlyList<FeedEnvelope> envelopes, CancellationToken ct,
        bool removeStale = true)
    {
        if (removeStale)
        {
            await using var stale = new NpgsqlCommand($"delete from {schema.Name}.{FeedSchema.Events} where position >= $1", connection, transaction);
            stale.Parameters.Add(new NpgsqlParameter { Value = envelopes[0].Position });
            await stale.ExecuteNonQueryAsync(ct);
        }

        await using var insert = new NpgsqlCommand(
            $"""
             insert into {schema.Name}.{FeedSchema.Events} (position, idx, id, type, subject, time, envelope)
             select * from unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
             """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Position).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Index).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Type).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Subject).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Time.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Json).ToArray() });
        await insert.ExecuteNonQueryAsync(ct);
    }
}
