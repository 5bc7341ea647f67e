using Ledger.Api.Ledger;
using Ledger.Api.Feed.Delivering.Webhooks;
using Marten;

namespace Ledger.Api.Feed.Subscriptions;

internal static class SubscriptionsConfiguration
{
    public static IServiceCollection AddLedgerWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Ledger:Webhooks").Get<WebhookOptions>() ?? new WebhookOptions());
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<SubscriptionSignal>();
        services.AddHttpClient(WebhookWorker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<WebhookDispatcher>();
        services.ConfigureMarten((provider, store) => SubscriptionSchema.Configure(store, provider.GetRequiredService<LedgerSchema>()));
        return services;
    }
}
