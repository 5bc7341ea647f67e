using Ledger.Api.Feed.Reading;
using Ledger.Api.Http;
using Ledger.Api.Feed.Delivering.Webhooks;
using Ledger.Api.Feed.Subscriptions.Reading;
using Wolverine.Http;

namespace Ledger.Api.Feed.Subscriptions.Replaying;

/// <summary>
/// Delivers again every event of the subscription's types from <see cref="FromPosition"/> on, dead letters included.
/// Only the caller's own subscription: someone else's is 404, as if it did not exist.
/// </summary>
public sealed record ReplaySubscription(long FromPosition);

public static class ReplayEndpoint
{
    [WolverinePost("/api/subscriptions/{subscriptionId}/replay")]
    public static async Task<IResult> Post(
        string subscriptionId, ReplaySubscription command, SubscriptionStore store, FeedReader feed, SubscriptionSignal changed, HttpContext http)
    {
        if (SubscriptionScope.ForChanging(http.User) is not { } scope)
            return SubscriptionScope.Unauthenticated();
        var head = await feed.Head(http.RequestAborted);
        if (command.FromPosition < 1 || command.FromPosition > head + 1)
            return Problems.Result(400, "invalid-cursor", "fromPosition", $"fromPosition is from 1 to the feed's head + 1, {head + 1}");
        if (!await store.Rewind(subscriptionId, scope, command.FromPosition, http.RequestAborted))
            return GetSubscriptionsEndpoint.NotFound(subscriptionId);
        changed.Pulse();
        if (await store.Find(subscriptionId, scope, http.RequestAborted) is not { } subscription)
            return GetSubscriptionsEndpoint.NotFound(subscriptionId); // removed in between
        return Results.Json(await SubscriptionView.Of(subscription, store, http.RequestAborted), statusCode: 202);
    }
}
