namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// A subscription as the API shows it: never its secret; its owner (the token subject that registered it, null for one
/// registered before subscriptions had owners), its cursor, its delivery counts and what is pending. Its owner sees the
/// URL as registered, the cells it follows (empty lists: all); a reader of everyone's (an auditor) sees it without userinfo, query or fragment, where receivers
/// put tokens of their own (subscriptions registered before userinfo was refused may still carry it).
/// </summary>
internal sealed record SubscriptionView(
    string SubscriptionId,
    string? Owner,
    string Url,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> ModelIds,
    IReadOnlyList<string> OrganizationIds,
    DateTimeOffset CreatedAt,
    SubscriptionView.FeedCursor DeliveredThrough,
    IReadOnlyDictionary<string, int> Deliveries,
    Delivery? Pending)
{
    /// <summary>The last feed event (position, index) whose delivery reached a final outcome; after a rewind, the index is the largest integer.</summary>
    public sealed record FeedCursor(long Position, int Index);

    public static async Task<SubscriptionView> Of(Subscription subscription, SubscriptionScope scope, SubscriptionStore store, CancellationToken ct)
    {
        var pending = (await store.Log(subscription.Key, SubscriptionStore.Pending, subscription.CursorPosition, subscription.CursorIndex, 1, ct)).FirstOrDefault();
        var url = scope.Owner is null ? WithoutCredentials(subscription.Url) : subscription.Url;
        return new SubscriptionView(subscription.Id, subscription.Owner, url, subscription.EventTypes, subscription.Filter.ModelIds, subscription.Filter.OrganizationIds, subscription.CreatedAt,
            new FeedCursor(subscription.CursorPosition, subscription.CursorIndex), await store.Counts(subscription.Key, ct), pending);
    }

    private static string WithoutCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "";
}
