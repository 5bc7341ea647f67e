using Ledger.Api.Subscriptions.Delivering;
using Ledger.Api.Subscriptions.Reading;
using Wolverine.Http;

namespace Ledger.Api.Subscriptions.Removing;

public static class RemoveEndpoint
{
    [WolverineDelete("/api/subscriptions/{subscriptionId}")]
    public static async Task<IResult> Delete(string subscriptionId, SubscriptionStore store, SubscriptionSignal changed, HttpContext http)
    {
        if (!await store.Remove(subscriptionId, http.RequestAborted))
            return GetSubscriptionsEndpoint.NotFound(subscriptionId);
        changed.Pulse();
        return Results.NoContent();
    }
}
