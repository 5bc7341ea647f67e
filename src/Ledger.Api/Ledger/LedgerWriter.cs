using System.Text.Json.Nodes;
using System.Threading.Channels;
using JasperFx.Events;
using Ledger.Domain.Admission;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace Ledger.Api.Ledger;

/// <summary>
/// The ledger's single write path. The rules cross streams (a restoration depends on directives, easings and
/// vettings; ids are unique across every kind of fact), so each transaction takes one PostgreSQL advisory lock,
/// reads everything committed before it, asks the pure <see cref="Admission"/> whether each fact may be recorded,
/// and appends the admitted ones with Marten in that same transaction. Writes are therefore serializable across
/// all streams and across service instances, and a refused write appends nothing.
/// Writes that arrive together are decided one after another and committed together (group commit): one lock,
/// one read, one pass of each recording step and one fsync for the lot. If the transaction fails, each write of the
/// group is retried on its own, so one write's failure is never another's. A write may propose several facts (an
/// annex of vettings): they are recorded all together, in the order given, or none of them is.
/// </summary>
public sealed class LedgerWriter(
    NpgsqlDataSource dataSource, IDocumentStore store, LedgerLog log, TimeProvider clock, IEnumerable<IRecordingStep> steps,
    ILogger<LedgerWriter> logger) : BackgroundService
{
    /// <summary>
    /// Any fixed number will do: it only has to be the same for every instance of the service. Public because the
    /// feed's high-water mark relies on it: every append holds this lock until its transaction ends.
    /// </summary>
    public const long WriteLockKey = 0x4C45444745520001;

    private const int MaxGroup = 64;

    /// <summary>
    /// Facts per group, whatever their writes: annexes arriving together are committed in several transactions
    /// rather than one unbounded one. Sealing reads a group's rows in a window of 65,536 positions.
    /// </summary>
    private const int MaxGroupFacts = 16_384;
    private static readonly string LockSql = $"select pg_advisory_xact_lock({WriteLockKey})";
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>A class, not a record: a write is itself, and hashing its context would hash its whole body.</summary>
    private sealed class Pending(IReadOnlyList<ILedgerFact> proposed, WriteContext context)
    {
        public IReadOnlyList<ILedgerFact> Proposed { get; } = proposed;

        public WriteContext Context { get; } = context;

        public TaskCompletionSource<WriteOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task<WriteOutcome> Record(ILedgerFact proposed, WriteContext context, CancellationToken ct) =>
        RecordAll([proposed], context, ct);

    /// <summary>Records every fact of <paramref name="proposed"/>, in order, or none: the first refusal refuses them all.</summary>
    public async Task<WriteOutcome> RecordAll(IReadOnlyList<ILedgerFact> proposed, WriteContext context, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(proposed.Count);
        var pending = new Pending(proposed, context);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Outcome.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var group = new List<Pending>();
            var facts = 0;
            while (group.Count < MaxGroup && reader.TryPeek(out var next)
                   && (group.Count == 0 || facts + next.Proposed.Count <= MaxGroupFacts) && reader.TryRead(out var pending))
            {
                group.Add(pending);
                facts += pending.Proposed.Count;
            }

            try
            {
                await Write(group, stoppingToken);
            }
            catch (Exception e) when (group.Count > 1 && e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A group of {Count} writes failed; retrying each on its own", group.Count);
                foreach (var pending in group)
                    await WriteAlone(pending, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Fail(group[0], e);
            }
        }
    }

    private async Task WriteAlone(Pending pending, CancellationToken ct)
    {
        try
        {
            await Write([pending], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(pending, e);
        }
    }

    /// <summary>
    /// A write whose own transaction failed (a recording step threw for its facts, or the database refused it) is
    /// refused with a problem that says nothing was appended; the exception, which can name internals, goes to the log.
    /// A step that refused the write on purpose (<see cref="WriteRefusal"/>) gives its own status, rule and words.
    /// </summary>
    private void Fail(Pending pending, Exception e)
    {
        if (e is WriteRefusal refusal)
        {
            logger.LogCritical(e, "A write to {Path} was refused ({Rule}) and appended nothing", pending.Context.Path, refusal.Rule);
            pending.Outcome.TrySetResult(new WriteOutcome.Refused(new Violation(refusal.Status, refusal.Rule, "", refusal.Message)));
            return;
        }

        logger.LogError(e, "A write to {Path} failed and appended nothing", pending.Context.Path);
        pending.Outcome.TrySetResult(new WriteOutcome.Refused(new Violation(500, "write-failed", "",
            "the write could not be recorded and nothing was appended; sending it again is safe")));
    }

    private async Task Write(IReadOnlyList<Pending> group, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var before = await log.ReadAfter(log.Latest, connection, transaction, ct, new NpgsqlBatchCommand(LockSql));
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
        var keys = group.Select(p => p.Context.StoredKey).OfType<string>().Distinct().ToList();
        var earlier = keys.Count == 0
            ? new Dictionary<string, IdempotencyRecord>()
            : (await session.LoadManyAsync<IdempotencyRecord>(ct, keys)).ToDictionary(r => r.Id);

        var now = clock.GetUtcNow();
        var provisional = before;
        var admitted = new List<(Pending Pending, ILedgerFact Fact, IEvent Event)>();
        var answers = new List<(Pending Pending, Func<WriteOutcome> Answer)>();
        var keyed = new Dictionary<string, Pending>();
        var receipts = new Dictionary<Pending, List<WriteReceipt>>();
        var unsaved = new HashSet<string>();
        // The writes of a group were all in flight together, so any order of them is a lawful serialisation. Deciding
        // them stream by stream (in order of arrival otherwise) lets Marten write the group as it was decided, in one
        // statement: see the flush below.
        foreach (var pending in group.GroupBy(p => p.Proposed[0].StreamId).SelectMany(stream => stream))
        {
            var context = pending.Context;
            if (context.StoredKey is { } key && (earlier.TryGetValue(key, out var record) || keyed.ContainsKey(key)))
            {
                answers.Add((pending, Replay(record, keyed.GetValueOrDefault(key), context, context.IdempotencyKey!)));
                continue;
            }

            var (facts, decided, refusal) = Decide(provisional, pending, now);
            if (refusal is not null)
            {
                answers.Add((pending, () => refusal));
                continue;
            }

            foreach (var fact in facts)
            {
                // Marten writes a session's events stream by stream; a fact for a stream already waiting in the session
                // would be written before facts of other streams decided in between, so the session is flushed first.
                // Facts of one stream in a row (provider acts on one model) need no flush: they stay in order.
                if (!unsaved.Add(fact.StreamId) && admitted[^1].Fact.StreamId != fact.StreamId)
                {
                    await session.SaveChangesAsync(ct);
                    unsaved = [fact.StreamId];
                }

                var stream = session.Events.Append(fact.StreamId, fact);
                var appended = stream.Events[^1];
                appended.UserName = context.Actor;
                appended.CorrelationId = context.CorrelationId;
                appended.CausationId = context.CausationId;
                admitted.Add((pending, fact, appended));
            }

            if (context.StoredKey is { } newKey)
                keyed[newKey] = pending;
            provisional = decided;
        }

        if (admitted.Count == 0)
        {
            foreach (var (pending, answer) in answers)
                pending.Outcome.TrySetResult(answer());
            return;
        }

        session.QueueSqlCommand($"select pg_notify('{log.Channel}', '')");
        await session.SaveChangesAsync(ct);
        if (admitted.Zip(admitted.Skip(1)).Any(pair => pair.First.Event.Sequence >= pair.Second.Event.Sequence))
            throw new InvalidOperationException("the group's events were not written in the order they were decided");

        // Marten has filled in the positions, versions and timestamp it wrote (PostgreSQL keeps microseconds).
        var after = before;
        var recordedGroup = new List<Recorded>(admitted.Count);
        foreach (var (pending, fact, appended) in admitted)
        {
            var recordedAt = appended.Timestamp.AddTicks(-(appended.Timestamp.Ticks % 10)).ToUniversalTime();
            var recorded = new RecordedFact(fact, appended.Sequence, appended.Version, recordedAt, pending.Context.Actor);
            var next = LedgerLog.Append(after, recorded);
            recordedGroup.Add(new Recorded(recorded, after, next));
            after = next;
            var receipt = new WriteReceipt(fact.FactId, recorded.StreamVersion, recorded.Position, recorded.RecordedAt, recorded.Retroactive);
            if (receipts.TryGetValue(pending, out var written))
                written.Add(receipt);
            else
                receipts[pending] = [receipt];
        }

        foreach (var (pending, written) in receipts)
            if (pending.Context.StoredKey is { } key)
                session.Store(IdempotencyRecord.Of(key, pending.Context.Path, pending.Context.Body, written));

        foreach (var step in steps)
            await step.OnRecorded(new RecordedGroup(recordedGroup, connection, transaction), ct);

        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.Publish(after);
        foreach (var (pending, written) in receipts)
            pending.Outcome.TrySetResult(new WriteOutcome.Written(written));
        foreach (var (pending, answer) in answers)
            pending.Outcome.TrySetResult(answer());

        // Product.md 10.15: the first answer again for the same request, 422 for another one under the same key.
        Func<WriteOutcome> Replay(IdempotencyRecord? stored, Pending? sameGroup, WriteContext context, string key) => () =>
        {
            var (path, body, written) = stored is not null
                ? (stored.Path, stored.Body, stored.All)
                : (sameGroup!.Context.Path, sameGroup.Context.Body, receipts[sameGroup]);
            return SameRequest(path, body, context)
                ? new WriteOutcome.Replayed(written)
                : new WriteOutcome.Refused(Violation.Broken("idempotency-key-reused", "Idempotency-Key",
                    $"key {key} was first used for a different request to {path}"));
        };
    }

    /// <summary>
    /// Decides the facts of one write in order, each against the ledger as it will be after the ones before it.
    /// Positions are provisional until Marten assigns them, but they rise in the same order, which is all a decision
    /// reads. The first refusal refuses the whole write and names the fact it refused.
    /// </summary>
    private static (List<ILedgerFact> Facts, LedgerLog.Snapshot After, WriteOutcome.Refused? Refusal) Decide(
        LedgerLog.Snapshot before, Pending pending, DateTimeOffset now)
    {
        var state = before;
        var facts = new List<ILedgerFact>(pending.Proposed.Count);
        for (var i = 0; i < pending.Proposed.Count; i++)
        {
            var decision = Admission.Decide(state.Knowledge, pending.Proposed[i], now, pending.Context.ExpectedVersion);
            if (decision is Decision.Refused { Violation: var violation })
                return ([], before, new WriteOutcome.Refused(violation, i));
            var fact = ((Decision.Admitted)decision).Fact;
            facts.Add(fact);
            state = LedgerLog.Append(state, new RecordedFact(
                fact, state.Position + 1, state.Knowledge.VersionOf(fact.StreamId) + 1, now, pending.Context.Actor));
        }

        return (facts, state, null);
    }

    /// <summary>Takes the ledger's write lock until <paramref name="transaction"/> ends.</summary>
    public static async Task Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var locking = new NpgsqlCommand(LockSql, connection, transaction);
        await locking.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Product.md 10.15: "same body" means the same path and equal JSON, whatever its spacing or member order.</summary>
    private static bool SameRequest(string path, string body, WriteContext context) =>
        path == context.Path && JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(context.Body));
}
