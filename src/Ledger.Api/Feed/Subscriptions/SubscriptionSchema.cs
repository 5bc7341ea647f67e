using Ledger.Api.Ledger;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// Webhook subscriptions and their delivery log. Each subscription keeps its own cursor, a (position, index) in the
/// feed, advanced in the same transaction that records a delivery's outcome, so a crash repeats at most the
/// delivery in flight and never skips one. Each subscription belongs to the token subject that registered it
/// (<see cref="SubscriptionScope"/>).
/// </summary>
public static class SubscriptionSchema
{
    public const string Subscriptions = "webhook_subscriptions";
    public const string Deliveries = "webhook_deliveries";

    public static void Configure(StoreOptions options, LedgerSchema schema)
    {
        var subscriptions = new Table(new PostgresqlObjectName(schema.Name, Subscriptions, SchemaUtils.IdentifierUsage.General));
        subscriptions.AddColumn("id", "text").AsPrimaryKey();
        subscriptions.AddColumn("url", "text").NotNull();
        subscriptions.AddColumn("event_types", "text[]").NotNull();
        // Sealed by WebhookSecrets under a key outside the database; rows from before that hold the secret in clear
        // until the dispatcher seals them.
        subscriptions.AddColumn("secret", "text").NotNull();
        subscriptions.AddColumn("created_at", "timestamp with time zone").NotNull();
        subscriptions.AddColumn<long>("cursor_position").NotNull();
        subscriptions.AddColumn<int>("cursor_index").NotNull();
        // The token subject that registered the subscription. Nullable so that the start-up migration of a database
        // from before subscriptions had owners is a plain "add column": those rows keep delivering, with no owner.
        subscriptions.AddColumn("owner", "text");

        // The feed's head when a replay was asked for, while it is in flight (a per-subject limit); nullable for the
        // same reason as the owner.
        subscriptions.AddColumn<long>("replay_through");
        options.Storage.ExtendedSchemaObjects.Add(subscriptions);

        var deliveries = new Table(new PostgresqlObjectName(schema.Name, Deliveries, SchemaUtils.IdentifierUsage.General));
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
}
