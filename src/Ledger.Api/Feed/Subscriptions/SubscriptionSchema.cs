using Ledger.Api.Ledger;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// Webhook subscriptions and their delivery log. Each subscription keeps its own cursor, a (position, index) in the
/// feed, advanced in the same transaction that records a delivery's outcome, so a crash repeats at most the
/// delivery in flight and never skips one. A subscription is keyed by its owner (the token subject that registered it,
/// <see cref="SubscriptionScope"/>) and its id, so each subscriber has ids of its own and learns nothing of anyone
/// else's. Version 2 of both tables: version 1 keyed subscriptions by id alone, one namespace for every subscriber, so a
/// 409 told a subscriber that someone else used an id; <see cref="FromOneNamespace"/> moves its rows over.
/// </summary>
public static class SubscriptionSchema
{
    public const string Subscriptions = "webhook_subscriptions_v2";
    public const string Deliveries = "webhook_deliveries_v2";

    /// <summary>The owner of a subscription registered before subscriptions had owners: visible to auditors only.</summary>
    public const string NoOwner = "";

    private const string SubscriptionsV1 = "webhook_subscriptions";
    private const string DeliveriesV1 = "webhook_deliveries";

    public static void Configure(StoreOptions options, LedgerSchema schema)
    {
        var subscriptions = new Table(new PostgresqlObjectName(schema.Name, Subscriptions, SchemaUtils.IdentifierUsage.General));
        subscriptions.AddColumn("owner", "text").AsPrimaryKey();
        subscriptions.AddColumn("id", "text").AsPrimaryKey();
        subscriptions.AddColumn("url", "text").NotNull();
        subscriptions.AddColumn("event_types", "text[]").NotNull();
        // Sealed by WebhookSecrets under a key outside the database; rows from before that hold the secret in clear
        // until the dispatcher seals them.
        subscriptions.AddColumn("secret", "text").NotNull();
        subscriptions.AddColumn("created_at", "timestamp with time zone").NotNull();
        subscriptions.AddColumn<long>("cursor_position").NotNull();
        subscriptions.AddColumn<int>("cursor_index").NotNull();
        // The feed's head when a replay was asked for, while it is in flight (a per-subject limit).
        subscriptions.AddColumn<long>("replay_through");
        // The cells it follows (null: all), added after version 2 landed: nullable, so a plain migration adds them.
        subscriptions.AddColumn("model_ids", "text[]");
        subscriptions.AddColumn("organization_ids", "text[]");
        options.Storage.ExtendedSchemaObjects.Add(subscriptions);

        var deliveries = new Table(new PostgresqlObjectName(schema.Name, Deliveries, SchemaUtils.IdentifierUsage.General));
        deliveries.AddColumn("owner", "text").AsPrimaryKey();
        deliveries.AddColumn("subscription_id", "text").AsPrimaryKey();
        deliveries.AddColumn<long>("position").AsPrimaryKey();
        deliveries.AddColumn<int>("idx").AsPrimaryKey();
        deliveries.AddColumn("message_id", "text").NotNull();
        deliveries.AddColumn("event_id", "text").NotNull();
        deliveries.AddColumn("event_type", "text").NotNull();
        deliveries.AddColumn("status", "text").NotNull();
        deliveries.AddColumn<int>("attempts").NotNull();
        deliveries.AddColumn<int>("last_status_code");
        deliveries.AddColumn("last_error", "text");
        deliveries.AddColumn("last_attempt_at", "timestamp with time zone");
        deliveries.AddColumn("next_attempt_at", "timestamp with time zone");
        deliveries.AddColumn("delivered_at", "timestamp with time zone");
        options.Storage.ExtendedSchemaObjects.Add(deliveries);
    }

    /// <summary>
    /// The owner's db-apply step (after Marten made the version 2 tables) that moves the version 1 rows over and drops
    /// the version 1 tables, in one statement, so a database is never left with both. Rows from before subscriptions had
    /// owners (a version 1 table without the column, or a null in it) get <see cref="NoOwner"/>. Nothing to do on a
    /// database that never had version 1.
    /// </summary>
    public static string FromOneNamespace(LedgerSchema schema) =>
        $$"""
        do $from_one_namespace$
        declare
          owner_of text;
        begin
          if to_regclass('{{schema.Name}}.{{SubscriptionsV1}}') is null then
            return;
          end if;
          owner_of := case when exists (select 1 from information_schema.columns
                                        where table_schema = '{{schema.Name}}' and table_name = '{{SubscriptionsV1}}' and column_name = 'owner')
                           then 'coalesce(s.owner, '''')' else '''''' end;
          execute format($copy$
            insert into {{schema.Name}}.{{Subscriptions}} (owner, id, url, event_types, secret, created_at, cursor_position, cursor_index, replay_through)
            select %s, s.id, s.url, s.event_types, s.secret, s.created_at, s.cursor_position, s.cursor_index, %s
            from {{schema.Name}}.{{SubscriptionsV1}} s on conflict do nothing
            $copy$, owner_of,
            case when exists (select 1 from information_schema.columns
                              where table_schema = '{{schema.Name}}' and table_name = '{{SubscriptionsV1}}' and column_name = 'replay_through')
                 then 's.replay_through' else 'null::bigint' end);
          if to_regclass('{{schema.Name}}.{{DeliveriesV1}}') is not null then
            execute format($copy$
              insert into {{schema.Name}}.{{Deliveries}} (owner, subscription_id, position, idx, message_id, event_id, event_type, status, attempts,
                last_status_code, last_error, last_attempt_at, next_attempt_at, delivered_at)
              select %s, d.subscription_id, d.position, d.idx, d.message_id, d.event_id, d.event_type, d.status, d.attempts,
                d.last_status_code, d.last_error, d.last_attempt_at, d.next_attempt_at, d.delivered_at
              from {{schema.Name}}.{{DeliveriesV1}} d join {{schema.Name}}.{{SubscriptionsV1}} s on s.id = d.subscription_id on conflict do nothing
              $copy$, owner_of);
            drop table {{schema.Name}}.{{DeliveriesV1}};
          end if;
          drop table {{schema.Name}}.{{SubscriptionsV1}};
        end $from_one_namespace$;
        """;
}
