using Ledger.Api.Feed.Delivering.Webhooks;
using Ledger.Api.Feed.Subscriptions.Reading;
using Wolverine.Http;

namespace Ledger.Api.Feed.Subscriptions.Removing;

/// <summary>Removes one of the caller's own subscriptions and its delivery log; someone else's is 404, as if it did not exist.</summary>
public static class RemoveEndpoint
{
    [WolverineDelete("/api/subscriptions/{subscriptionId}", OperationId = "removeSubscription")]
    [Tags("Subscriptions"), EndpointSummary("Remove one of the caller's subscriptions and its delivery log")]
    public static async Task<IResult> Delete(string subscriptionId, SubscriptionStore store, SubscriptionSignal changed, HttpContext http)
    {
        if (SubscriptionScope.ForChanging(http.User) is not { } scope)
            return SubscriptionScope.Unauthenticated();
        if (!await store.Remove(subscriptionId, scope, http.RequestAborted))
            return GetSubscriptionsEndpoint.NotFound(subscriptionId);
        changed.Pulse();
        return Results.NoContent();
    }
}
