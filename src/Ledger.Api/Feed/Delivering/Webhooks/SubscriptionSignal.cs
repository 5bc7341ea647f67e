using Ledger.Api.Feed.Delivering;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>Pulsed when a subscription is added, rewound or removed, so workers start, restart or stop at once.</summary>
public sealed class SubscriptionSignal
{
    private readonly FeedSignal _signal = new();

    public Task Next => _signal.Next;

    public void Pulse() => _signal.Pulse();
}
