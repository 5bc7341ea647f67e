using Ledger.Api.Feed.Reading;
using Ledger.Api.Http;
using Ledger.Api.Feed.Delivering.Webhooks;
using Ledger.Api.Feed.Subscriptions.Reading;
using Wolverine.Http;

namespace Ledger.Api.Feed.Subscriptions.Replaying;

/// <summary>
/// Delivers again every event of the subscription's types from <see cref="FromPosition"/> on, dead letters included.
/// Only the caller's own subscription: someone else's is 404, as if it did not exist. A subject has at most
/// <see cref="WebhookOptions.MaxReplaysPerSubject"/> replays in flight on its other subscriptions (replaying the same
/// one again restarts it): over that is a 429 with <c>Retry-After</c>, because the replay in flight ends by itself.
/// </summary>
public sealed record ReplaySubscription(long FromPosition);

public static class ReplayEndpoint
{
    /// <summary>A replay reads the feed at tens of thousands of events a second: a few seconds is a fair first wait.</summary>
    private const string RetryAfterSeconds = "5";

    [WolverinePost("/api/subscriptions/{subscriptionId}/replay", OperationId = "replaySubscription")]
    [Tags("Subscriptions"), EndpointSummary("Deliver again every event from a position")]
    public static async Task<IResult> Post(
        string subscriptionId, ReplaySubscription command, SubscriptionStore store, FeedReader feed, SubscriptionSignal changed, WebhookOptions options,
        HttpContext http)
    {
        if (SubscriptionScope.ForChanging(http.User) is not { } scope)
            return SubscriptionScope.Unauthenticated();
        var head = await feed.Head(http.RequestAborted);
        if (command.FromPosition < 1 || command.FromPosition > head + 1)
            return Problems.Result(400, "invalid-cursor", "fromPosition", $"fromPosition is from 1 to the feed's head + 1, {head + 1}");
        switch (await store.Rewind(subscriptionId, scope, command.FromPosition, head, options.MaxReplaysPerSubject, http.RequestAborted))
        {
            case SubscriptionStore.Change.NotFound:
                return GetSubscriptionsEndpoint.NotFound(subscriptionId);
            case SubscriptionStore.Change.LimitReached:
                http.Response.Headers.RetryAfter = RetryAfterSeconds;
                return Problems.Result(429, "replay-limit", "subscriptionId",
                    $"a subscriber has at most {options.MaxReplaysPerSubject} replay(s) in flight; try again when the one in flight has caught up");
        }

        changed.Pulse();
        if ((await store.Find(subscriptionId, scope, http.RequestAborted)).SingleOrDefault() is not { } subscription)
            return GetSubscriptionsEndpoint.NotFound(subscriptionId); // removed in between
        return Results.Json(await SubscriptionView.Of(subscription, scope, store, http.RequestAborted), statusCode: 202);
    }
}
