using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Ledger;
using Marten;
using Npgsql;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Ledger.Api.Feed.Delivering.Broker;

/// <summary>
/// Publishes every access change to the broker through Wolverine's durable outbox, in feed order, at least once.
/// The changes were committed with their facts (the feed table is the source); this dispatcher reads them after its
/// cursor and, per batch, stores the outgoing messages and the advanced cursor in one Marten transaction, which
/// Wolverine then sends. Enlisting Wolverine's outbox in the writer's own transaction was not chosen: the writer
/// commits through a raw NpgsqlTransaction that no Wolverine message context owns, and Wolverine would flush before
/// that commit.
/// Order: one process publishes at a time (<see cref="LeaderLock"/>); a batch is published only once the previous one
/// has left the outbox; and Wolverine's own recovery of a dead node's outbox, which sends in no particular order, is
/// never relied on: a new leader deletes access changes left in the outbox by another node and publishes again from
/// where the cursor stood before that batch (so a consumer may see repeats, never a later change before an earlier).
/// </summary>
internal sealed class AccessChangePublisher(
    IDocumentStore store,
    IWolverineRuntime runtime,
    FeedReader feed,
    FeedSignal signal,
    DeliveryGate gate,
    FeedCursors cursors,
    FeedOptions options,
    NpgsqlDataSource dataSource,
    LedgerSchema schema,
    IHostApplicationLifetime lifetime,
    ILogger<AccessChangePublisher> logger) : BackgroundService, IFeedChannel<FeedReader.Envelope>
{
    public const string CursorName = "broker";
    private const int Batch = 100;
    private static readonly string[] Types = [FeedEnvelopes.AccessChangedType];
    private static readonly TimeSpan LeaderRetry = TimeSpan.FromSeconds(1);
    private FeedCursor _from;

    public TimeSpan IdleAfter => options.Recheck;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wolverine refuses to publish until the host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leader = await LeaderLock.TryTake(dataSource, $"{schema.Name}:broker-publisher", stoppingToken);
                if (leader is null)
                {
                    await Task.Delay(LeaderRetry, stoppingToken);
                    continue;
                }

                await TakeOver(stoppingToken);
                await FeedConsumer.Follow(signal, gate, this, leader, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Publishing access changes failed; retrying from the stored cursor");
                await Task.Delay(LeaderRetry, stoppingToken);
            }
        }
    }

    /// <summary>Access changes after the stored cursor, once the previous batch has left the outbox.</summary>
    public async Task<IReadOnlyList<FeedReader.Envelope>?> Read(CancellationToken ct)
    {
        await Drained(ct);
        _from = await cursors.Read(CursorName, ct);
        return await feed.ReadEnvelopes(_from.Position, _from.Index, Types, Batch, ct);
    }

    /// <summary>The batch's messages and the cursor past them, in one outbox transaction.</summary>
    public async Task Deliver(IReadOnlyList<FeedReader.Envelope> changes, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var outbox = new MartenOutbox(runtime, session);
        foreach (var change in changes)
            await outbox.PublishAsync(new AccessChangedMessage(change.Position, change.Index, change.Json));
        cursors.Advance(session, CursorName, _from, new FeedCursor(changes[^1].Position, changes[^1].Index));
        await session.SaveChangesAsync(ct);
    }

    private int Node => runtime.Options.Durability.AssignedNodeNumber;

    /// <summary>Removes what another (dead or demoted) node left in flight and rewinds to before its last batch.</summary>
    private async Task TakeOver(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var orphans = new NpgsqlCommand(
            $"delete from {schema.Name}.wolverine_outgoing_envelopes where message_type = $1 and owner_id <> $2", connection, transaction);
        orphans.Parameters.Add(new NpgsqlParameter { Value = AccessChangedMessage.MessageType });
        orphans.Parameters.Add(new NpgsqlParameter { Value = Node });
        var deleted = await orphans.ExecuteNonQueryAsync(ct);
        if (deleted > 0)
        {
            await cursors.Rewind(CursorName, connection, transaction, ct);
            logger.LogWarning("Took over publishing: {Count} access changes left in flight by another node are published again", deleted);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Waits (polling Wolverine's outbox table with a growing pause) until none of this node's access changes is waiting to be sent.</summary>
    private async Task Drained(CancellationToken ct)
    {
        var wait = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"select exists (select 1 from {schema.Name}.wolverine_outgoing_envelopes where message_type = $1 and owner_id = $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = AccessChangedMessage.MessageType });
            command.Parameters.Add(new NpgsqlParameter { Value = Node });
            if (!(bool)(await command.ExecuteScalarAsync(ct))!)
                return;
            await Task.Delay(wait, ct);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }
}
