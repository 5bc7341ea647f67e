using Ledger.Api.Feed.Reading;
using Ledger.Api.Http;
using Ledger.Api.Subscriptions.Delivering;
using Ledger.Api.Subscriptions.Reading;
using Wolverine.Http;

namespace Ledger.Api.Subscriptions.Replaying;

/// <summary>Delivers again every event of the subscription's types from <see cref="FromPosition"/> on, dead letters included.</summary>
public sealed record ReplaySubscription(long FromPosition);

public static class ReplayEndpoint
{
    [WolverinePost("/api/subscriptions/{subscriptionId}/replay")]
    public static async Task<IResult> Post(
        string subscriptionId, ReplaySubscription command, SubscriptionStore store, FeedReader feed, SubscriptionSignal changed, HttpContext http)
    {
        var head = await feed.Head(http.RequestAborted);
        if (command.FromPosition < 1 || command.FromPosition > head + 1)
            return Problems.Result(400, "invalid-cursor", "fromPosition", $"fromPosition is from 1 to the feed's head + 1, {head + 1}");
        if (!await store.Rewind(subscriptionId, command.FromPosition, http.RequestAborted))
            return GetSubscriptionsEndpoint.NotFound(subscriptionId);
        changed.Pulse();
        var subscription = await store.Find(subscriptionId, http.RequestAborted);
        return Results.Json(await SubscriptionView.Of(subscription!, store, http.RequestAborted), statusCode: 202);
    }
}
