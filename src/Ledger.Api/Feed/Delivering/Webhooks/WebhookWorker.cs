using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Feed.Subscriptions;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// Delivers one subscription's events, one at a time and in feed order, from its stored cursor. An event is retried
/// with exponential backoff until it is delivered (2xx) or has failed <see cref="WebhookOptions.MaxAttempts"/> times,
/// when it is dead-lettered; either outcome moves the cursor past it. Attempt counts are stored, so a restart neither
/// forgets a failing event's history nor skips it. At least once: a crash between a receiver's 2xx and the cursor
/// move sends that one event again, with the same <c>webhook-id</c>. The cursor lives on the subscription's row, not
/// in <see cref="FeedCursors"/>, because it moves in the transaction that records the delivery, compare-and-set against
/// a replay. Every statement passes the <see cref="DeliveryGate"/>, and no connection is held while a receiver answers.
/// A failure is stored as its category (<see cref="DeliveryFailure"/>); the exception goes to the log only.
/// </summary>
internal sealed class WebhookWorker(
    SubscriptionKey subscriptionKey,
    SubscriptionStore store,
    FeedReader feed,
    DeliveryGate gate,
    SubscriptionSignal changed,
    IHttpClientFactory http,
    WebhookOptions options,
    FeedOptions feedOptions,
    TimeProvider clock,
    ILogger logger) : IFeedChannel<FeedReader.Envelope>
{
    public const string HttpClientName = "webhooks";
    private const int Batch = 50;
    private Subscription? _subscription;

    public TimeSpan IdleAfter => feedOptions.Recheck;

    public Task OwnWakeUp => changed.Next;

    /// <summary>
    /// The subscription's events after its cursor; null once it has been removed. Nothing left means a replay in flight
    /// is over, even when none of its events was of the subscription's types.
    /// </summary>
    public async Task<IReadOnlyList<FeedReader.Envelope>?> Read(CancellationToken ct)
    {
        if ((_subscription = await store.Find(subscriptionKey, ct)) is not { } subscription)
            return null;
        var envelopes = await feed.ReadEnvelopes(subscription.CursorPosition, subscription.CursorIndex, subscription.TypeFilter, Batch, ct, subscription.Filter);
        if (envelopes.Count == 0 && subscription.ReplayThrough is { } through)
            await store.EndReplay(subscription.Key, through, ct);
        return envelopes;
    }

    public async Task Deliver(IReadOnlyList<FeedReader.Envelope> envelopes, CancellationToken ct)
    {
        var subscription = _subscription!;
        foreach (var envelope in envelopes)
        {
            if (!await Deliver(subscription, envelope, ct))
                return;
            subscription = subscription with { CursorPosition = envelope.Position, CursorIndex = envelope.Index };
        }
    }

    /// <summary>Delivers one event to its final outcome; false when the subscription changed underneath (replay, removal).</summary>
    private async Task<bool> Deliver(Subscription subscription, FeedReader.Envelope envelope, CancellationToken ct)
    {
        var messageId = $"msg_{envelope.Position}_{envelope.Index}";
        var earlier = await gate.Run(() => store.Attempts(subscription.Key, envelope.Position, envelope.Index, ct), ct);
        var attempts = earlier is { Status: SubscriptionStore.Pending } ? earlier.Attempts : 0;
        while (!ct.IsCancellationRequested)
        {
            while (earlier is { Status: SubscriptionStore.Pending, NextAttemptAt: { } due } && due > clock.GetUtcNow())
            {
                var changedNow = changed.Next;
                if (await FeedSignal.Wait(changedNow, due - clock.GetUtcNow(), ct) && await gate.Run(() => Moved(subscription, ct), ct))
                    return false;
            }

            var (status, failure) = await Attempt(subscription, messageId, envelope.Json, ct);
            attempts++;
            var now = clock.GetUtcNow();
            Delivery delivery;
            if (status is >= 200 and < 300)
                delivery = new Delivery(envelope.Position, envelope.Index, messageId, envelope.Id, envelope.Type, SubscriptionStore.Delivered, attempts, status, null, now, null, now);
            else if (attempts >= options.MaxAttempts)
                delivery = new Delivery(envelope.Position, envelope.Index, messageId, envelope.Id, envelope.Type, SubscriptionStore.DeadLettered, attempts, status, failure, now, null, null);
            else
                delivery = new Delivery(envelope.Position, envelope.Index, messageId, envelope.Id, envelope.Type, SubscriptionStore.Pending, attempts, status, failure, now, now + options.Backoff(attempts), null);

            await gate.Run(() => store.Record(subscription, delivery, ct), ct);
            if (delivery.Status != SubscriptionStore.Pending)
            {
                if (delivery.Status == SubscriptionStore.DeadLettered)
                    logger.LogWarning("Webhook {Subscription}: event {Position}.{Index} dead-lettered after {Attempts} attempts ({Error})",
                        subscription.Key, envelope.Position, envelope.Index, attempts, failure);
                return true;
            }

            earlier = delivery;
        }

        return false;
    }

    private async Task<bool> Moved(Subscription subscription, CancellationToken ct) =>
        await store.Find(subscription.Key, ct) is not { } now || now.CursorPosition != subscription.CursorPosition || now.CursorIndex != subscription.CursorIndex;

    private async Task<(int? Status, string? Failure)> Attempt(Subscription subscription, string messageId, string body, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" }),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(store.Reveal(subscription), messageId, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : DeliveryFailure.Of(response.StatusCode));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, DeliveryFailure.Timeout);
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation(e, "Webhook {Subscription}: {Message} got no answer", subscription.Key, messageId);
            return (null, DeliveryFailure.Of(e));
        }
    }
}
