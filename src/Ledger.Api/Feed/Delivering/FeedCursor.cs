namespace Ledger.Api.Feed.Delivering;

/// <summary>Where a consumer of the feed stands: the last envelope it has handed on, by position and index within it.</summary>
internal readonly record struct FeedCursor(long Position, int Index)
{
    public static readonly FeedCursor Start = new(0, 0);
}
