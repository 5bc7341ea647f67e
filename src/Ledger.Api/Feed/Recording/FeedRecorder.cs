using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Feed.Recording;

/// <summary>
/// Stores the facts' envelopes in the facts' own transaction, so the feed holds an event exactly when the ledger
/// does, and announces them with <c>pg_notify</c>, which PostgreSQL delivers only once the transaction commits
/// (and never when it rolls back).
/// </summary>
internal sealed class FeedRecorder(LedgerSchema schema, FeedOptions options) : IRecordingStep
{
    private readonly Uri _source = new(options.Source, UriKind.RelativeOrAbsolute);

    public async Task OnRecorded(RecordedGroup group, CancellationToken ct)
    {
        var envelopes = group.Facts.SelectMany(Build).ToList();
        await Store(group.Connection, group.Transaction, schema, envelopes, ct,
            notify: new NpgsqlBatchCommand("select pg_notify($1, '')") { Parameters = { new NpgsqlParameter { Value = FeedSchema.Channel(schema) } } });
    }

    private IReadOnlyList<FeedEnvelope> Build(Recorded recorded) =>
        FeedEnvelopes.Build(recorded.Fact, recorded.Before.Knowledge, recorded.After.Knowledge, _source);

    /// <summary>
    /// Stores envelopes of new positions, in one round trip with <paramref name="notify"/>. Only ever appends: the
    /// service's role may not delete from the feed (a reset ledger is emptied whole, feed included).
    /// </summary>
    public static async Task Store(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, LedgerSchema schema, IReadOnlyList<FeedEnvelope> envelopes, CancellationToken ct,
        NpgsqlBatchCommand? notify = null)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
             insert into {schema.Name}.{FeedSchema.Events} (position, idx, id, type, subject, time, envelope)
             select * from unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
             """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = envelopes.Select(e => e.Position).ToArray() },
                new NpgsqlParameter { Value = envelopes.Select(e => e.Index).ToArray() },
                new NpgsqlParameter { Value = envelopes.Select(e => e.Id).ToArray() },
                new NpgsqlParameter { Value = envelopes.Select(e => e.Type).ToArray() },
                new NpgsqlParameter { Value = envelopes.Select(e => e.Subject).ToArray() },
                new NpgsqlParameter { Value = envelopes.Select(e => e.Time.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = envelopes.Select(e => e.Json).ToArray() },
            },
        });
        if (notify is not null)
            batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
