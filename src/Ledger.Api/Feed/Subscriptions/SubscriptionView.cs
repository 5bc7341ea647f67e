namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// A subscription as the API shows it: never its secret; its owner (the token subject that registered it, null for one
/// registered before subscriptions had owners), its cursor, its delivery counts and what is pending.
/// </summary>
internal sealed record SubscriptionView(
    string SubscriptionId,
    string? Owner,
    string Url,
    IReadOnlyList<string> EventTypes,
    DateTimeOffset CreatedAt,
    SubscriptionView.FeedCursor DeliveredThrough,
    IReadOnlyDictionary<string, int> Deliveries,
    Delivery? Pending)
{
    /// <summary>The last feed event (position, index) whose delivery reached a final outcome; after a rewind, the index is the largest integer.</summary>
    public sealed record FeedCursor(long Position, int Index);

    public static async Task<SubscriptionView> Of(Subscription subscription, SubscriptionStore store, CancellationToken ct)
    {
        var pending = (await store.Log(subscription.Id, SubscriptionStore.Pending, subscription.CursorPosition, subscription.CursorIndex, 1, ct)).FirstOrDefault();
        return new SubscriptionView(subscription.Id, subscription.Owner, subscription.Url, subscription.EventTypes, subscription.CreatedAt,
            new FeedCursor(subscription.CursorPosition, subscription.CursorIndex), await store.Counts(subscription.Id, ct), pending);
    }
}
