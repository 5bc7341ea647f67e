using Ledger.Api.Http;
using Wolverine.Http;

namespace Ledger.Api.Feed.Subscriptions.Reading;

internal sealed record DeliveryLog(string SubscriptionId, IReadOnlyList<Delivery> Deliveries, SubscriptionView.FeedCursor? Next);

/// <summary>
/// Subscriptions, and each one's delivery log: every attempt's outcome, and the dead letters on their own. A subscriber
/// sees only the subscriptions it owns, an auditor every one (<see cref="SubscriptionScope.ForReading"/>). Ids are each
/// subscriber's own, so an auditor reading by id names the subscriber (<c>?owner=</c>) when more than one uses it.
/// </summary>
public static class GetSubscriptionsEndpoint
{
    private const int MaxLimit = 1000;

    [WolverineGet("/api/subscriptions", OperationId = "listSubscriptions")]
    [Tags("Subscriptions"), EndpointSummary("The caller's subscriptions (an auditor: everyone's)")]
    public static async Task<IResult> List(SubscriptionStore store, HttpContext http)
    {
        if (SubscriptionScope.ForReading(http.User) is not { } scope)
            return SubscriptionScope.Unauthenticated();
        var views = new List<SubscriptionView>();
        foreach (var subscription in await store.All(scope, http.RequestAborted))
            views.Add(await SubscriptionView.Of(subscription, scope, store, http.RequestAborted));
        return Results.Json(views);
    }

    [WolverineGet("/api/subscriptions/{subscriptionId}", OperationId = "getSubscription")]
    [Tags("Subscriptions"), EndpointSummary("One subscription, its cursor and delivery counts")]
    [QueryParameter<string>("owner", "For an auditor: the subscriber whose subscription this is, when several use the id")]
    public static async Task<IResult> One(string subscriptionId, SubscriptionStore store, HttpContext http)
    {
        if (SubscriptionScope.ForReading(http.User) is not { } scope)
            return SubscriptionScope.Unauthenticated();
        var (subscription, problem) = await Resolve(subscriptionId, scope, store, http);
        return subscription is null ? problem! : Results.Json(await SubscriptionView.Of(subscription, scope, store, http.RequestAborted));
    }

    /// <summary>
    /// The one subscription with this id the caller may see: its own, or for an auditor the one of the subscriber named
    /// by <c>owner</c> (empty for one registered before owners), which it must name when several subscribers use the id.
    /// </summary>
    public static async Task<(Subscription? Subscription, IResult? Problem)> Resolve(
        string subscriptionId, SubscriptionScope scope, SubscriptionStore store, HttpContext http)
    {
        var found = await store.Find(subscriptionId, scope, http.RequestAborted);
        if (scope.Owner is null && http.Request.Query.TryGetValue("owner", out var owner))
            found = found.Where(s => s.Key.Owner == owner.ToString()).ToList();
        return found.Count switch
        {
            0 => (null, NotFound(subscriptionId)),
            1 => (found[0], null),
            _ => (null, Problems.Result(400, "ambiguous-subscription", "owner",
                $"{found.Count} subscribers use the id {subscriptionId}; name one with ?owner=")),
        };
    }

    [WolverineGet("/api/subscriptions/{subscriptionId}/deliveries", OperationId = "getDeliveries")]
    [Tags("Subscriptions"), EndpointSummary("A subscription's delivery log, in feed order")]
    [QueryParameter<string>("status", "Only deliveries in this state: pending, delivered or dead-lettered")]
    [QueryParameter<long>("after", "Deliveries after this feed position; default 0")]
    [QueryParameter<int>("limit", "How many deliveries, 1 to 1000; default 100")]
    [QueryParameter<string>("owner", "For an auditor: the subscriber whose subscription this is, when several use the id")]
    public static Task<IResult> Deliveries(string subscriptionId, SubscriptionStore store, HttpContext http) =>
        Log(subscriptionId, http.Request.Query["status"].ToString() is { Length: > 0 } status ? status : null, store, http);

    [WolverineGet("/api/subscriptions/{subscriptionId}/dead-letters", OperationId = "getDeadLetters")]
    [Tags("Subscriptions"), EndpointSummary("A subscription's dead letters, in feed order")]
    [QueryParameter<long>("after", "Dead letters after this feed position; default 0")]
    [QueryParameter<int>("limit", "How many, 1 to 1000; default 100")]
    [QueryParameter<string>("owner", "For an auditor: the subscriber whose subscription this is, when several use the id")]
    public static Task<IResult> DeadLetters(string subscriptionId, SubscriptionStore store, HttpContext http) =>
        Log(subscriptionId, SubscriptionStore.DeadLettered, store, http);

    private static async Task<IResult> Log(string subscriptionId, string? status, SubscriptionStore store, HttpContext http)
    {
        if (SubscriptionScope.ForReading(http.User) is not { } scope)
            return SubscriptionScope.Unauthenticated();
        var query = http.Request.Query;
        if (status is not (null or SubscriptionStore.Pending or SubscriptionStore.Delivered or SubscriptionStore.DeadLettered))
            return Problems.Result(400, "invalid-status", "status", "status is pending, delivered or dead-lettered");
        long after = 0;
        var limit = 100;
        if (query.TryGetValue("after", out var afterText) && (!long.TryParse(afterText, out after) || after < 0))
            return Problems.Result(400, "invalid-cursor", "after", "after is a ledger position, a whole number from 0");
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
            return Problems.Result(400, "invalid-limit", "limit", $"limit is from 1 to {MaxLimit}");
        var (subscription, problem) = await Resolve(subscriptionId, scope, store, http);
        if (subscription is null)
            return problem!;

        var log = await store.Log(subscription.Key, status, after, int.MaxValue, limit, http.RequestAborted);
        var next = log.Count == limit ? new SubscriptionView.FeedCursor(log[^1].Position, log[^1].Index) : null;
        return Results.Json(new DeliveryLog(subscriptionId, log, next));
    }

    /// <summary>The answer for an unknown id and for someone else's subscription alike, so ids do not leak.</summary>
    public static IResult NotFound(string subscriptionId) =>
        Problems.Result(404, "unknown-subscription", "subscriptionId", $"there is no subscription {subscriptionId}");
}
