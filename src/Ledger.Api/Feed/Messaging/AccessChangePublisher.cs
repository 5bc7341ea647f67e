using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Feed.Streaming;
using Ledger.Api.Ledger;
using Marten;
using Npgsql;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Ledger.Api.Feed.Messaging;

/// <summary>
/// Publishes every access change to the broker through Wolverine's durable outbox, in feed order, at least once.
/// The changes were committed with their facts (the feed table is the source); this dispatcher reads them after its
/// cursor and, per batch, stores the outgoing messages and the advanced cursor in one Marten transaction, which
/// Wolverine then sends. Enlisting Wolverine's outbox in the writer's own transaction was not chosen: the writer
/// commits through a raw NpgsqlTransaction that no Wolverine message context owns, and Wolverine would flush before
/// that commit. Order: one process publishes at a time (advisory lock), and a batch is published only once the
/// previous one has left the outbox, so a recovered batch is never overtaken by a later one.
/// </summary>
public sealed class AccessChangePublisher(
    IDocumentStore store,
    IWolverineRuntime runtime,
    FeedReader feed,
    FeedSignal signal,
    FeedOptions options,
    NpgsqlDataSource dataSource,
    LedgerSchema schema,
    ILogger<AccessChangePublisher> logger) : BackgroundService
{
    public const string CursorName = "broker";
    private const int Batch = 100;
    private static readonly string[] Types = [FeedEnvelopes.AccessChangedType];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leader = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var claim = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", leader))
                {
                    claim.Parameters.Add(new NpgsqlParameter { Value = $"{schema.Name}:broker-publisher" });
                    if (!(bool)(await claim.ExecuteScalarAsync(stoppingToken))!)
                    {
                        await Task.Delay(options.Recheck, stoppingToken);
                        continue;
                    }
                }

                await Publish(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(e, "Publishing access changes failed; retrying from the stored cursor");
                await Task.Delay(options.Recheck, stoppingToken);
            }
        }
    }

    private async Task Publish(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Drained(ct);
            var next = signal.Next;
            var (position, index) = await Cursor(ct);
            var changes = await feed.ReadEnvelopes(position, index, Types, Batch, ct);
            if (changes.Count == 0)
            {
                await FeedSignal.Wait(next, options.Recheck, ct);
                continue;
            }

            await using var session = store.LightweightSession();
            var outbox = new MartenOutbox(runtime, session);
            foreach (var change in changes)
                await outbox.PublishAsync(new AccessChangedMessage(change.Position, change.Index, change.Json));
            var last = changes[^1];
            session.QueueSqlCommand(
                $"insert into {schema.Name}.{FeedSchema.Cursors} (name, position, idx) values (?, ?, ?) on conflict (name) do update set position = excluded.position, idx = excluded.idx",
                CursorName, last.Position, last.Index);
            await session.SaveChangesAsync(ct);
        }
    }

    private async Task<(long Position, int Index)> Cursor(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select position, idx from {schema.Name}.{FeedSchema.Cursors} where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = CursorName });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt32(1)) : (0, 0);
    }

    /// <summary>Waits (polling Wolverine's outbox table, with a deadline per look) until no access change is waiting to be sent.</summary>
    private async Task Drained(CancellationToken ct)
    {
        var wait = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"select exists (select 1 from {schema.Name}.wolverine_outgoing_envelopes where message_type = $1)");
            command.Parameters.Add(new NpgsqlParameter { Value = AccessChangedMessage.MessageType });
            if (!(bool)(await command.ExecuteScalarAsync(ct))!)
                return;
            await Task.Delay(wait, ct);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }
}
