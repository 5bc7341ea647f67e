using Ledger.Api.Feed;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Feed.Streaming;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Subscriptions.Delivering;

/// <summary>
/// Runs one <see cref="WebhookWorker"/> per subscription. Across service instances each subscription is delivered by
/// one instance at a time: its worker holds a session advisory lock named after it for as long as it runs.
/// </summary>
public sealed class WebhookDispatcher(
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
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var claim = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", connection);
            claim.Parameters.Add(new NpgsqlParameter { Value = $"{schema.Name}:webhook:{subscriptionId}" });
            if (!(bool)(await claim.ExecuteScalarAsync(ct))!)
                return;
            var worker = new WebhookWorker(subscriptionId, store, feed, signal, changed, http, options, feedOptions, clock, logger);
            await worker.Run(ct);
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
