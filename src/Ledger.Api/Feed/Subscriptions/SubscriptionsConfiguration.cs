using Ledger.Api.Ledger;
using Ledger.Api.Feed.Delivering.Webhooks;
using Marten;

namespace Ledger.Api.Feed.Subscriptions;

internal static class SubscriptionsConfiguration
{
    public static IServiceCollection AddLedgerWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Ledger:Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddSingleton(options);

        // Built here, not on first use, so a malformed AllowedNetworks entry stops the start instead of a delivery.
        var destinations = new WebhookDestinations(options);
        services.AddSingleton(destinations);
        services.AddSingleton(provider => WebhookSecrets.FromKeyFile(
            Path.GetFullPath(options.SecretKeyFile, provider.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<SubscriptionSignal>();
        services.AddHttpClient(WebhookWorker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => WebhookConnections.Handler(destinations));
        services.AddHostedService<WebhookDispatcher>();
        services.ConfigureMarten((provider, store) => SubscriptionSchema.Configure(store, provider.GetRequiredService<LedgerSchema>()));
        return services;
    }
}
