using JasperFx.Events;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Marten;

namespace Ledger.Api.Ledger;

/// <summary>The event store: one schema, readable string stream ids, every metadata column, pinned event names.</summary>
public static class LedgerStore
{
    public static void Configure(StoreOptions options, LedgerSchema schema)
    {
        options.DatabaseSchemaName = schema.Name;
        options.UseSystemTextJsonForSerialization(configure: json => LedgerJson.Configure(json));
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var (type, name) in LedgerEventTypes.Names)
            options.Events.MapEventType(type, name);
        options.Schema.For<IdempotencyRecord>();
        options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
    }
}
