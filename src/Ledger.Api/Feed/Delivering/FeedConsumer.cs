namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// The one loop of every delivery channel: take the wake-ups before reading, so a commit that lands during the read
/// is never slept through; read what follows the channel's cursor; hand it on; and when there was nothing, sleep until
/// a commit pulses <see cref="FeedSignal"/>, the channel's own wake-up fires, or its idle time passes. A channel served
/// by one instance at a time runs under its <see cref="LeaderLock"/>, and the loop checks every round that it still
/// holds it. Every read passes the <see cref="DeliveryGate"/>, so however many channels a commit wakes, they take their
/// turns at the database rather than all of its connections at once; between rounds a channel holds no connection.
/// </summary>
internal static class FeedConsumer
{
    /// <summary>Follows the feed until <paramref name="ct"/> is cancelled or the channel has nothing left to follow.</summary>
    public static async Task Follow<T>(FeedSignal signal, DeliveryGate gate, IFeedChannel<T> channel, LeaderLock? leader, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (leader is not null)
                await leader.StillHeld(ct);
            var wake = Task.WhenAny(signal.Next, channel.OwnWakeUp);
            if (await gate.Run(() => channel.Read(ct), ct) is not { } batch)
                return;
            if (batch.Count > 0)
            {
                await channel.Deliver(batch, ct);
                continue;
            }

            if (!await FeedSignal.Wait(wake, channel.IdleAfter, ct))
                await channel.Idle(ct);
        }
    }
}
