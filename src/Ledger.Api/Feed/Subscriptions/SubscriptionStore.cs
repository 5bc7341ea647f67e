using Ledger.Api.Feed.Delivering.Webhooks;
using Ledger.Api.Feed.Filtering;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// A webhook subscription as stored; the secret never leaves the service. <see cref="Secret"/> is in clear when the
/// subscription is added and as stored (sealed, <see cref="WebhookSecrets"/>) when it is read: it is opened only to
/// sign (<see cref="SubscriptionStore.Reveal"/>), so a row sealed under another key stops its own deliveries only.
/// <see cref="Owner"/> is the token subject that registered it; null only for a subscription registered before
/// subscriptions had owners, which only an auditor sees until an operator assigns it (<c>update … set owner = '&lt;subject&gt;' where owner = '' and id = '…'</c>).
/// <see cref="ReplayThrough"/> is the feed's head when a replay was asked for: the replay is in flight while delivery
/// has not caught up with it (<see cref="WebhookOptions.MaxReplaysPerSubject"/>).
/// </summary>
public sealed record Subscription(
    string Id, string Url, IReadOnlyList<string> EventTypes, string Secret, DateTimeOffset CreatedAt, long CursorPosition, int CursorIndex,
    string? Owner, long? ReplayThrough = null, IReadOnlyList<string>? ModelIds = null, IReadOnlyList<string>? OrganizationIds = null)
{
    /// <summary>The cells it follows: deliveries are the access changes of those cells and the ledger events of their positions.</summary>
    public FeedFilter Filter => new(ModelIds ?? [], OrganizationIds ?? []);

    /// <summary><c>*</c> subscribes to every event type.</summary>
    public IReadOnlyCollection<string>? TypeFilter => EventTypes.Contains("*") ? null : EventTypes;

    /// <summary>What identifies it: ids are the owner's own, so two subscribers may both have a <c>hook-1</c>.</summary>
    public SubscriptionKey Key => new(Owner ?? SubscriptionSchema.NoOwner, Id);
}

/// <summary>A subscription's owner (<see cref="SubscriptionSchema.NoOwner"/> for one registered before owners) and its id.</summary>
public sealed record SubscriptionKey(string Owner, string Id);

/// <summary>One delivery of one feed event to one subscription: pending (with its attempts so far), delivered or dead-lettered.</summary>
public sealed record Delivery(
    long Position, int Index, string MessageId, string EventId, string EventType, string Status, int Attempts,
    int? LastStatusCode, string? LastFailure, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// SQL over the subscription tables; every cursor move is a compare-and-set so a replay is never overwritten. What an
/// endpoint reads or changes is limited by a <see cref="SubscriptionScope"/>; only the delivery workers see all.
/// Secrets are sealed on the way in and opened on the way out (<see cref="WebhookSecrets"/>): the table never holds one
/// in clear. The per-subject limits are counted and applied under a transaction lock on the subject, so two requests
/// at once cannot both take the last place.
/// </summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource, LedgerSchema schema, WebhookSecrets secrets)
{
    /// <summary>What became of a registration or a replay.</summary>
    public enum Change
    {
        Done,
        NotFound,
        IdTaken,
        LimitReached,
    }

    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string DeadLettered = "dead-lettered";

    private string Subscriptions => $"{schema.Name}.{SubscriptionSchema.Subscriptions}";
    private string Deliveries => $"{schema.Name}.{SubscriptionSchema.Deliveries}";

    /// <summary>Adds the subscription unless its owner already has one with its id or holds <paramref name="limit"/> subscriptions.</summary>
    public async Task<Change> Add(Subscription subscription, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (subscription.Owner is { } owner && await Count(connection, transaction, owner, "true", subscription.Id, ct) >= limit)
            return Change.LimitReached;
        await using var command = new NpgsqlCommand(
            $"insert into {Subscriptions} (id, url, event_types, secret, created_at, cursor_position, cursor_index, owner, model_ids, organization_ids) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (owner, id) do nothing",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.Url });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.EventTypes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = secrets.Protect(subscription.Id, subscription.Secret) });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorPosition });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorIndex });
        command.Parameters.Add(new NpgsqlParameter { Value = subscription.Key.Owner });
        command.Parameters.Add(FeedReader.TextArray(subscription.Filter.ModelIds));
        command.Parameters.Add(FeedReader.TextArray(subscription.Filter.OrganizationIds));
        var added = await command.ExecuteNonQueryAsync(ct) == 1;
        await transaction.CommitAsync(ct);
        return added ? Change.Done : Change.IdTaken;
    }

    /// <summary>
    /// Locks <paramref name="owner"/>'s subscriptions for the transaction and counts those, other than
    /// <paramref name="except"/>, that meet <paramref name="condition"/>.
    /// </summary>
    private async Task<long> Count(NpgsqlConnection connection, NpgsqlTransaction transaction, string owner, string condition, string except, CancellationToken ct)
    {
        await using (var serialise = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext($1))", connection, transaction))
        {
            serialise.Parameters.Add(new NpgsqlParameter { Value = $"{schema.Name}:subscriber:{owner}" });
            await serialise.ExecuteNonQueryAsync(ct);
        }

        await using var count = new NpgsqlCommand($"select count(*) from {Subscriptions} where owner = $1 and id <> $2 and {condition}", connection, transaction);
        count.Parameters.Add(new NpgsqlParameter { Value = owner });
        count.Parameters.Add(new NpgsqlParameter { Value = except });
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every subscription, whoever owns it: for the delivery workers, never for an endpoint.</summary>
    public async Task<IReadOnlyList<Subscription>> All(CancellationToken ct) => await Query("true", [], ct);

    /// <summary>The subscriptions <paramref name="scope"/> may see.</summary>
    public async Task<IReadOnlyList<Subscription>> All(SubscriptionScope scope, CancellationToken ct) =>
        await Query(OwnedBy("$1"), [Owner(scope.Owner)], ct);

    /// <summary>The subscription, whoever owns it: for the delivery workers, never for an endpoint.</summary>
    public async Task<Subscription?> Find(SubscriptionKey key, CancellationToken ct) =>
        (await Query("owner = $1 and id = $2", Key(key), ct)).SingleOrDefault();

    /// <summary>
    /// The subscriptions with id <paramref name="id"/> that <paramref name="scope"/> may see: its owner's one, if any; for
    /// a scope of every subscription (an auditor), one per subscriber that uses the id.
    /// </summary>
    public async Task<IReadOnlyList<Subscription>> Find(string id, SubscriptionScope scope, CancellationToken ct) =>
        await Query($"id = $1 and {OwnedBy("$2")}", [new NpgsqlParameter { Value = id }, Owner(scope.Owner)], ct);

    /// <summary>Removes the scope owner's subscription and its delivery log; false when it has none with that id.</summary>
    public async Task<bool> Remove(string id, SubscriptionScope scope, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"delete from {Deliveries} where subscription_id = $1 and owner = $2")
            { Parameters = { new NpgsqlParameter { Value = id }, Owner(scope.Owner) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"delete from {Subscriptions} where id = $1 and owner = $2")
            { Parameters = { new NpgsqlParameter { Value = id }, Owner(scope.Owner) } });
        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands[1].RecordsAffected == 1;
    }

    /// <summary>
    /// Delivery restarts at <paramref name="fromPosition"/>: every later event up to <paramref name="head"/> is sent
    /// again, with its original message id. Refused when the owner already has <paramref name="limit"/> other replays in
    /// flight; not found when the scope's owner has no subscription with that id.
    /// </summary>
    public async Task<Change> Rewind(string id, SubscriptionScope scope, long fromPosition, long head, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (scope.Owner is { } owner && await Count(connection, transaction, owner, InFlight, id, ct) >= limit)
            return Change.LimitReached;
        await using var command = new NpgsqlCommand(
            $"update {Subscriptions} set cursor_position = $2, cursor_index = $3, replay_through = $5 where id = $1 and owner = $4",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = fromPosition - 1 });
        command.Parameters.Add(new NpgsqlParameter { Value = int.MaxValue });
        command.Parameters.Add(Owner(scope.Owner));
        command.Parameters.Add(new NpgsqlParameter { Value = head });
        var rewound = await command.ExecuteNonQueryAsync(ct) == 1;
        await transaction.CommitAsync(ct);
        return rewound ? Change.Done : Change.NotFound;
    }

    /// <summary>A replay is in flight until delivery has passed the head it was asked at.</summary>
    private const string InFlight = "replay_through is not null and cursor_position < replay_through";

    /// <summary>Delivery found nothing left to send: the replay through <paramref name="through"/> is over, even if no event of the subscription's types moved the cursor there.</summary>
    public async Task EndReplay(SubscriptionKey key, long through, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"update {Subscriptions} set replay_through = null where owner = $1 and id = $2 and replay_through = $3");
        command.Parameters.AddRange(Key(key));
        command.Parameters.Add(new NpgsqlParameter { Value = through });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The secret of a subscription as read, in clear, to sign with.</summary>
    public string Reveal(Subscription subscription) => secrets.Reveal(subscription.Id, subscription.Secret);

    /// <summary>
    /// Seals every secret still stored in clear (rows from before secrets were encrypted); compare-and-set, so a row
    /// changed meanwhile is left for the next pass. Returns how many were sealed.
    /// </summary>
    public async Task<int> ProtectPlaintextSecrets(CancellationToken ct)
    {
        var plain = new List<(SubscriptionKey Key, string Secret)>();
        await using (var select = dataSource.CreateCommand($"select owner, id, secret from {Subscriptions} where secret not like 'v1.%'"))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                plain.Add((new SubscriptionKey(reader.GetString(0), reader.GetString(1)), reader.GetString(2)));

        var sealedCount = 0;
        foreach (var (key, secret) in plain)
        {
            await using var update = dataSource.CreateCommand($"update {Subscriptions} set secret = $4 where owner = $1 and id = $2 and secret = $3");
            update.Parameters.AddRange(Key(key));
            update.Parameters.Add(new NpgsqlParameter { Value = secret });
            update.Parameters.Add(new NpgsqlParameter { Value = secrets.Protect(key.Id, secret) });
            sealedCount += await update.ExecuteNonQueryAsync(ct);
        }

        return sealedCount;
    }

    public async Task<Delivery?> Attempts(SubscriptionKey key, long position, int index, CancellationToken ct) =>
        (await Log(key, null, position, index - 1, 1, ct)).FirstOrDefault(d => d.Position == position && d.Index == index);

    /// <summary>The delivery log in feed order after (position, index), optionally of one status.</summary>
    public async Task<IReadOnlyList<Delivery>> Log(SubscriptionKey key, string? status, long afterPosition, int afterIndex, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             select position, idx, message_id, event_id, event_type, status, attempts, last_status_code, last_error, last_attempt_at, next_attempt_at, delivered_at
             from {Deliveries} where owner = $1 and subscription_id = $2 and ($3::text is null or status = $3) and (position, idx) > ($4, $5)
             order by position, idx limit $6
             """);
        command.Parameters.AddRange(Key(key));
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
                reader.IsDBNull(7) ? null : reader.GetInt32(7), DeliveryFailure.Shown(reader.IsDBNull(8) ? null : reader.GetString(8)),
                Instant(reader, 9), Instant(reader, 10), Instant(reader, 11)));
        }

        return log;
    }

    public async Task<IReadOnlyDictionary<string, int>> Counts(SubscriptionKey key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select status, count(*)::int from {Deliveries} where owner = $1 and subscription_id = $2 group by status");
        command.Parameters.AddRange(Key(key));
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
                          insert into {Deliveries} (owner, subscription_id, position, idx, message_id, event_id, event_type, status, attempts, last_status_code, last_error, last_attempt_at, next_attempt_at, delivered_at)
                          values ($14, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                          on conflict (owner, subscription_id, position, idx) do update set status = excluded.status, attempts = excluded.attempts,
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
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)delivery.LastFailure ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            upsert.Parameters.Add(Time(delivery.LastAttemptAt));
            upsert.Parameters.Add(Time(delivery.NextAttemptAt));
            upsert.Parameters.Add(Time(delivery.DeliveredAt));
            upsert.Parameters.Add(new NpgsqlParameter { Value = subscription.Key.Owner });
            await upsert.ExecuteNonQueryAsync(ct);
        }

        if (delivery.Status != Pending)
        {
            await using var advance = new NpgsqlCommand(
                $"update {Subscriptions} set cursor_position = $2, cursor_index = $3 where id = $1 and cursor_position = $4 and cursor_index = $5 and owner = $6",
                connection, transaction);
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription.Id });
            advance.Parameters.Add(new NpgsqlParameter { Value = delivery.Position });
            advance.Parameters.Add(new NpgsqlParameter { Value = delivery.Index });
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorPosition });
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription.CursorIndex });
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription.Key.Owner });
            await advance.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private async Task<IReadOnlyList<Subscription>> Query(string where, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select id, url, event_types, secret, created_at, cursor_position, cursor_index, owner, replay_through, model_ids, organization_ids from {Subscriptions} where {where} order by created_at, owner, id");
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<Subscription>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetString(0);
            found.Add(new Subscription(id, reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5), reader.GetInt32(6), reader.GetString(7) is { Length: > 0 } owner ? owner : null,
                reader.IsDBNull(8) ? null : reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<string[]>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<string[]>(10)));
        }

        return found;
    }

    /// <summary>The condition that the row is visible to the scope whose owner is <paramref name="parameter"/> (null: every row).</summary>
    private static string OwnedBy(string parameter) => $"({parameter}::text is null or owner = {parameter})";

    private static NpgsqlParameter[] Key(SubscriptionKey key) => [new() { Value = key.Owner }, new() { Value = key.Id }];

    private static NpgsqlParameter Owner(string? owner) => new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static DateTimeOffset? Instant(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private static NpgsqlParameter Time(DateTimeOffset? instant) =>
        new() { Value = instant is { } at ? at.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
