using Ledger.Api.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// A webhook subscription as stored; the secret never leaves the service. <see cref="Owner"/> is the token subject
/// that registered it; null only for a subscription registered before subscriptions had owners, which only an
/// auditor sees until an operator assigns it (<c>update … set owner = '&lt;subject&gt;' where id = '…'</c>).
/// </summary>
public sealed record Subscription(
    string Id, string Url, IReadOnlyList<string> EventTypes, string Secret, DateTimeOffset CreatedAt, long CursorPosition, int CursorIndex,
    string? Owner)
{
    /// <summary><c>*</c> subscribes to every event type.</summary>
    public IReadOnlyCollection<string>? TypeFilter => EventTypes.Contains("*") ? null : EventTypes;
}

/// <summary>One delivery of one feed event to one subscription: pending (with its attempts so far), delivered or dead-lettered.</summary>
public sealed record Delivery(
    long Position, int Index, string MessageId, string EventId, string EventType, string Status, int Attempts,
    int? LastStatusCode, string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// SQL over the subscription tables; every cursor move is a compare-and-set so a replay is never overwritten. What an
/// endpoint reads or changes is limited by a <see cref="SubscriptionScope"/>; only the delivery workers see all.
/// </summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource, LedgerSchema schema)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string DeadLettered = "dead-lettered";

    private string Subscriptions => $"{schema.Name}.{SubscriptionSchema.Subscriptions}";
    private string Deliveries => $"{schema.Name}.{SubscriptionSchema.Deliveries}";

    /// <summary>False when the id is taken.</summary>
    public async Task<bool> Add(Subscription subscription, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"insert into {Subscriptions} (id, url, event_types, secret, created_at, cursor_position, cursor_index, owner) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.Url });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.EventTypes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.Secret });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorPosition });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorIndex });
        command.Parameters.Add(Owner(subscription.Owner));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Every subscription, whoever owns it: for the delivery workers, never for an endpoint.</summary>
    public async Task<IReadOnlyList<Subscription>> All(CancellationToken ct) => await Query("true", [], ct);

    /// <summary>The subscriptions <paramref name="scope"/> may see.</summary>
    public async Task<IReadOnlyList<Subscription>> All(SubscriptionScope scope, CancellationToken ct) =>
        await Query(OwnedBy("$1"), [Owner(scope.Owner)], ct);

    /// <summary>The subscription, whoever owns it: for the delivery workers, never for an endpoint.</summary>
    public async Task<Subscription?> Find(string id, CancellationToken ct) =>
        (await Query("id = $1", [new NpgsqlParameter { Value = id }], ct)).SingleOrDefault();

    /// <summary>The subscription if <paramref name="scope"/> may see it; null when there is none or it is someone else's.</summary>
    public async Task<Subscription?> Find(string id, SubscriptionScope scope, CancellationToken ct) =>
        (await Query($"id = $1 and {OwnedBy("$2")}", [new NpgsqlParameter { Value = id }, Owner(scope.Owner)], ct)).SingleOrDefault();

    /// <summary>Removes the subscription and its delivery log if <paramref name="scope"/> may see it; false otherwise.</summary>
    public async Task<bool> Remove(string id, SubscriptionScope scope, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"delete from {Deliveries} where subscription_id = $1 and exists (select 1 from {Subscriptions} where id = $1 and {OwnedBy("$2")})")
            { Parameters = { new NpgsqlParameter { Value = id }, Owner(scope.Owner) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"delete from {Subscriptions} where id = $1 and {OwnedBy("$2")}")
            { Parameters = { new NpgsqlParameter { Value = id }, Owner(scope.Owner) } });
        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands[1].RecordsAffected == 1;
    }

    /// <summary>
    /// Delivery restarts at <paramref name="fromPosition"/>: every later event is sent again, with its original message
    /// id. False when there is no such subscription or <paramref name="scope"/> may not see it.
    /// </summary>
    public async Task<bool> Rewind(string id, SubscriptionScope scope, long fromPosition, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"update {Subscriptions} set cursor_position = $2, cursor_index = $3 where id = $1 and {OwnedBy("$4")}");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = fromPosition - 1 });
        command.Parameters.Add(new NpgsqlParameter { Value = int.MaxValue });
        command.Parameters.Add(Owner(scope.Owner));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<Delivery?> Attempts(string id, long position, int index, CancellationToken ct) =>
        (await Log(id, null, position, index - 1, 1, ct)).FirstOrDefault(d => d.Position == position && d.Index == index);

    /// <summary>The delivery log in feed order after (position, index), optionally of one status.</summary>
    public async Task<IReadOnlyList<Delivery>> Log(string id, string? status, long afterPosition, int afterIndex, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             select position, idx, message_id, event_id, event_type, status, attempts, last_status_code, last_error, last_attempt_at, next_attempt_at, delivered_at
             from {Deliveries} where subscription_id = $1 and ($2::text is null or status = $2) and (position, idx) > ($3, $4)
             order by position, idx limit $5
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = afterPosition });
        command.Parameters.Add(new NpgsqlParameter { Value = afterIndex });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var log = new List<Delivery>();
        while (await reader.ReadAsync(ct))
        {
            log.Add(new Delivery(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                Instant(reader, 9), Instant(reader, 10), Instant(reader, 11)));
        }

        return log;
    }

    public async Task<IReadOnlyDictionary<string, int>> Counts(string id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select status, count(*)::int from {Deliveries} where subscription_id = $1 group by status");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, int> { [Pending] = 0, [Delivered] = 0, [DeadLettered] = 0 };
        while (await reader.ReadAsync(ct))
            counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>
    /// Records one attempt. A final outcome (delivered or dead-lettered) also moves the cursor past the event, in the
    /// same transaction, but only if the cursor is still where the worker found it (a replay may have moved it).
    /// </summary>
    public async Task Record(Subscription subscription, Delivery delivery, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var upsert = new NpgsqlCommand(
                         $"""
                          insert into {Deliveries} (subscription_id, position, idx, message_id, event_id, event_type, status, attempts, last_status_code, last_error, last_attempt_at, next_attempt_at, delivered_at)
                          values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                          on conflict (subscription_id, position, idx) do update set status = excluded.status, attempts = excluded.attempts,
                            last_status_code = excluded.last_status_code, last_error = excluded.last_error, last_attempt_at = excluded.last_attempt_at,
                            next_attempt_at = excluded.next_attempt_at, delivered_at = excluded.delivered_at
                          """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = subscription.Id });
            upsert.Parameters.Add(new NpgsqlParameter { Value = delivery.Position });
            upsert.Parameters.Add(new NpgsqlParameter { Value = delivery.Index });
            upsert.Parameters.Add(new NpgsqlParameter { Value = delivery.MessageId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = delivery.EventId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = delivery.EventType });
            upsert.Parameters.Add(new NpgsqlParameter { Value = delivery.Status });
            upsert.Parameters.Add(new NpgsqlParameter { Value = delivery.Attempts });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)delivery.LastStatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)delivery.LastError ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            upsert.Parameters.Add(Time(delivery.LastAttemptAt));
            upsert.Parameters.Add(Time(delivery.NextAttemptAt));
            upsert.Parameters.Add(Time(delivery.DeliveredAt));
            await upsert.ExecuteNonQueryAsync(ct);
        }

        if (delivery.Status != Pending)
        {
            await using var advance = new NpgsqlCommand(
                $"update {Subscriptions} set cursor_position = $2, cursor_index = $3 where id = $1 and cursor_position = $4 and cursor_index = $5",
                connection, transaction);
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription.Id });
            advance.Parameters.Add(new NpgsqlParameter { Value = delivery.Position });
            advance.Parameters.Add(new NpgsqlParameter { Value = delivery.Index });
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorPosition });
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorIndex });
            await advance.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private async Task<IReadOnlyList<Subscription>> Query(string where, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select id, url, event_types, secret, created_at, cursor_position, cursor_index, owner from {Subscriptions} where {where} order by created_at, id");
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<Subscription>();
        while (await reader.ReadAsync(ct))
        {
            found.Add(new Subscription(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return found;
    }

    /// <summary>The condition that the row is visible to the scope whose owner is <paramref name="parameter"/> (null: every row).</summary>
    private static string OwnedBy(string parameter) => $"({parameter}::text is null or owner = {parameter})";

    private static NpgsqlParameter Owner(string? owner) => new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static DateTimeOffset? Instant(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private static NpgsqlParameter Time(DateTimeOffset? instant) =>
        new() { Value = instant is { } at ? at.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
