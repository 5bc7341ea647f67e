namespace Ledger.Api.Feed;

/// <summary>Settings of the downstream feed, bound from the <c>Ledger:Feed</c> configuration section.</summary>
public sealed class FeedOptions
{
    /// <summary>The CloudEvents <c>source</c> of every envelope: one ledger, one source.</summary>
    public string Source { get; set; } = "/directive-ledger";

    /// <summary>How long an idle SSE stream waits before it sends a heartbeat comment.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A safety net under LISTEN/NOTIFY: streams and workers look again this often even when no notification came
    /// (a dropped listener connection, a gap waiting to be proven dead). Delivery itself never waits for it.
    /// </summary>
    public TimeSpan Recheck { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a reader waits for in-flight writers when it must prove that a gap in positions is dead.</summary>
    public TimeSpan GapProofTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>SSE streams one token subject may hold open at once in this process: each is a reader of the feed.</summary>
    public int MaxStreamsPerSubject { get; set; } = 5;

    /// <summary>
    /// Database statements the delivery channels (SSE streams, webhook workers, the broker) may run at once, together
    /// (<see cref="Delivering.DeliveryGate"/>): one commit wakes them all, and the rest of the pool stays for writes and reads.
    /// </summary>
    public int MaxDeliveryQueries { get; set; } = 4;
}
