using Ledger.Api.Feed.Delivering.Broker;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Feed.Recording;
using Ledger.Api.Feed.Delivering;
using Ledger.Api.Feed.Delivering.Streaming;
using Ledger.Api.Ledger;
using Ledger.Api.Feed.Subscriptions;
using Marten;

namespace Ledger.Api.Feed;

/// <summary>
/// Registers everything downstream of the ledger: envelopes recorded with each fact, the pull and SSE reads and their
/// wake-up, webhook subscriptions and the broker dispatcher. One call from the host.
/// </summary>
public static class FeedConfiguration
{
    public static IServiceCollection AddLedgerFeed(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Ledger:Feed").Get<FeedOptions>() ?? new FeedOptions();
        services.AddSingleton(options);
        services.AddSingleton<IRecordingStep, FeedRecorder>();
        services.AddSingleton<FeedBackfill>();
        services.AddSingleton<FeedReader>();
        services.AddSingleton<FeedSignal>();
        services.AddSingleton<DeliveryGate>();
        services.AddSingleton<OpenStreams>();
        services.AddSingleton<FeedCursors>();
        services.AddHostedService<FeedListener>();
        services.ConfigureMarten((provider, store) => FeedSchema.Configure(store, provider.GetRequiredService<LedgerSchema>()));
        services.AddLedgerWebhooks(configuration);
        services.AddAccessChangePublishing(configuration);
        return services;
    }
}
