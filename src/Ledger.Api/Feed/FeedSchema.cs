using Ledger.Api.Ledger;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Api.Feed;

/// <summary>
/// The feed's tables, declared to Marten so that <c>db-apply</c>, <c>db-assert</c> and start-up migration manage
/// them with the event store: <c>feed_events</c> holds every envelope, written in the transaction of its fact;
/// <c>feed_cursors</c> holds the (position, index) each in-house dispatcher has published through, and where it
/// stood before its last batch, to go back to should that batch be lost in flight.
/// </summary>
public static class FeedSchema
{
    public const string Events = "feed_events";
    public const string Cursors = "feed_cursors";

    public static void Configure(StoreOptions options, LedgerSchema schema)
    {
        var events = new Table(new PostgresqlObjectName(schema.Name, Events, SchemaUtils.IdentifierUsage.General));
        events.AddColumn<long>("position").AsPrimaryKey();
        events.AddColumn<int>("idx").AsPrimaryKey();
        events.AddColumn("id", "text").NotNull();
        events.AddColumn("type", "text").NotNull();
        events.AddColumn("subject", "text").NotNull();
        events.AddColumn("time", "timestamp with time zone").NotNull();
        events.AddColumn("envelope", "text").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(events);

        var cursors = new Table(new PostgresqlObjectName(schema.Name, Cursors, SchemaUtils.IdentifierUsage.General));
        cursors.AddColumn("name", "text").AsPrimaryKey();
        cursors.AddColumn<long>("position").NotNull();
        cursors.AddColumn<int>("idx").NotNull();
        cursors.AddColumn<long>("rewind_position").NotNull().DefaultValueByExpression("0");
        cursors.AddColumn<int>("rewind_idx").NotNull().DefaultValueByExpression("0");
        options.Storage.ExtendedSchemaObjects.Add(cursors);
    }

    public static string Channel(LedgerSchema schema) => $"{schema.Name}_feed";
}
