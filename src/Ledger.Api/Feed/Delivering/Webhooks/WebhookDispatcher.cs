using Ledger.Api.Feed.Reading;
using Ledger.Api.Feed.Subscriptions;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// Runs one <see cref="WebhookWorker"/> per subscription. Across service instances one instance delivers every
/// webhook at a time, under one <see cref="LeaderLock"/>: a lock per subscription would hold a database connection per
/// subscription for as long as it lives, so a few hundred subscriptions would take every connection the server has.
/// The workers hold none between deliveries, and are all woken by the feed's one listener (<see cref="FeedListener"/>).
/// The leader checks its lock on every look (each <see cref="FeedOptions.Recheck"/> and each subscription change), and
/// stops every worker when it is gone. Each look also seals any secret still stored in clear
/// (<see cref="SubscriptionStore.ProtectPlaintextSecrets"/>).
/// </summary>
internal sealed class WebhookDispatcher(
    SubscriptionStore store,
    FeedReader feed,
    FeedSignal signal,
    DeliveryGate gate,
    SubscriptionSignal changed,
    IHttpClientFactory http,
    WebhookOptions options,
    FeedOptions feedOptions,
    NpgsqlDataSource dataSource,
    LedgerSchema schema,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<SubscriptionKey, Task> _workers = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leader = await LeaderLock.TryTake(dataSource, $"{schema.Name}:webhooks", stoppingToken);
                if (leader is not null)
                    await Lead(leader, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Webhook delivery lost its lead lock or its database; trying again");
            }

            try
            {
                await Task.Delay(feedOptions.Recheck, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Keeps a worker running for every subscription while the lock is held; stops them all when it is not.</summary>
    private async Task Lead(LeaderLock leader, CancellationToken stoppingToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            while (true)
            {
                var wake = changed.Next;
                await leader.StillHeld(leading.Token);
                try
                {
                    await store.ProtectPlaintextSecrets(leading.Token);
                    foreach (var subscription in await store.All(leading.Token))
                    {
                        if (_workers.TryGetValue(subscription.Key, out var running) && !running.IsCompleted)
                            continue;
                        _workers[subscription.Key] = Task.Run(() => Deliver(subscription.Key, leading.Token), leading.Token);
                    }
                }
                catch (Exception e) when (!leading.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not list webhook subscriptions; trying again");
                }

                await FeedSignal.Wait(wake, feedOptions.Recheck, leading.Token);
            }
        }
        finally
        {
            await leading.CancelAsync();
            await Task.WhenAll(_workers.Values.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            _workers.Clear();
        }
    }

    private async Task Deliver(SubscriptionKey subscription, CancellationToken ct)
    {
        try
        {
            var worker = new WebhookWorker(subscription, store, feed, gate, changed, http, options, feedOptions, clock, logger);
            await FeedConsumer.Follow(signal, gate, worker, null, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Webhook worker for {Subscription} stopped; it restarts on the next look", subscription);
        }
    }
}
