using Ledger.Api.Feed.Reading;
using Ledger.Api.Feed.Subscriptions;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// Runs one <see cref="WebhookWorker"/> per subscription. Across service instances each subscription is delivered by
/// one instance at a time: its worker runs under a <see cref="LeaderLock"/> named after it.
/// </summary>
internal sealed class WebhookDispatcher(
    SubscriptionStore store,
    FeedReader feed,
    FeedSignal signal,
    SubscriptionSignal changed,
    IHttpClientFactory http,
    WebhookOptions options,
    FeedOptions feedOptions,
    NpgsqlDataSource dataSource,
    LedgerSchema schema,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, Task> _workers = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = changed.Next;
            try
            {
                foreach (var subscription in await store.All(stoppingToken))
                {
                    if (_workers.TryGetValue(subscription.Id, out var running) && !running.IsCompleted)
                        continue;
                    _workers[subscription.Id] = Task.Run(() => Own(subscription.Id, stoppingToken), stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not list webhook subscriptions; trying again");
            }

            try
            {
                await FeedSignal.Wait(wake, feedOptions.Recheck, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_workers.Values.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private async Task Own(string subscriptionId, CancellationToken ct)
    {
        try
        {
            await using var leader = await LeaderLock.TryTake(dataSource, $"{schema.Name}:webhook:{subscriptionId}", ct);
            if (leader is null)
                return;
            var worker = new WebhookWorker(subscriptionId, store, feed, changed, http, options, feedOptions, clock, logger);
            await FeedConsumer.Follow(signal, worker, leader, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Webhook worker for {Subscription} stopped; it restarts on the next look", subscriptionId);
        }
    }
}
