namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// One way out of the feed (the broker, a webhook subscription, an SSE stream): what it reads after its cursor and how
/// it hands that on. <see cref="FeedConsumer"/> runs every channel with the same loop.
/// </summary>
internal interface IFeedChannel<T>
{
    /// <summary>How long the channel sleeps with nothing to deliver and no wake-up before <see cref="Idle"/>.</summary>
    TimeSpan IdleAfter { get; }

    /// <summary>A wake-up of the channel's own besides the feed's (a subscription added, rewound or removed); take it before reading.</summary>
    Task OwnWakeUp => FeedSignal.Never;

    /// <summary>What follows the channel's cursor, up to a batch; null when the channel has nothing left to follow.</summary>
    Task<IReadOnlyList<T>?> Read(CancellationToken ct);

    /// <summary>Hands a batch on and moves the cursor past what it delivered.</summary>
    Task Deliver(IReadOnlyList<T> batch, CancellationToken ct);

    /// <summary>Called when <see cref="IdleAfter"/> passed with nothing to deliver: an SSE heartbeat.</summary>
    Task Idle(CancellationToken ct) => Task.CompletedTask;
}
