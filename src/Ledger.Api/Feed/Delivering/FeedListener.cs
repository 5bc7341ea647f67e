using Ledger.Api.Ledger;

namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// The one LISTEN connection of the feed in this process: every commit's <c>pg_notify</c> pulses <see cref="FeedSignal"/>,
/// which wakes the SSE streams, the webhook workers and the broker dispatcher at once. After a (re)connect it pulses
/// too, so whatever committed while it was away is read; and it pulses every <see cref="FeedOptions.Recheck"/> as a
/// safety net, which delivery never depends on.
/// </summary>
internal sealed class FeedListener(NotificationListener listener, LedgerSchema schema, FeedSignal signal, FeedOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        listener.Listen(FeedSchema.Channel(schema), signal.Pulse, listening =>
        {
            if (listening)
                signal.Pulse();
        }, options.Recheck, stoppingToken);
}
