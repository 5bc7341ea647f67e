using System.Text.Json.Nodes;
using Ledger.Domain.Admission;
using Ledger.Domain.Facts;
using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;

namespace Ledger.Api.Ledger;

/// <summary>
/// The ledger's single write path. The rules cross streams (a restoration depends on directives, easings and
/// vettings; ids are unique across every kind of fact), so each write takes one PostgreSQL advisory lock for the
/// length of its transaction, reads everything committed before it, asks the pure <see cref="Admission"/> whether
/// the fact may be recorded, and appends it with Marten in that same transaction. Writes are therefore
/// serializable across all streams and across service instances, and a refused write appends nothing.
/// </summary>
public sealed class LedgerWriter(
    NpgsqlDataSource dataSource, IDocumentStore store, LedgerLog log, TimeProvider clock, IEnumerable<IRecordingStep> steps)
{
    /// <summary>
    /// Any fixed number will do: it only has to be the same for every instance of the service. Public because the
    /// feed's high-water mark relies on it: every append holds this lock until its transaction ends.
    /// </summary>
    public const long WriteLockKey = 0x4C45444745520001;

    public async Task<WriteOutcome> Record(ILedgerFact proposed, WriteContext context, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var locking = new NpgsqlCommand($"select pg_advisory_xact_lock({WriteLockKey})", connection, transaction))
            await locking.ExecuteNonQueryAsync(ct);

        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
        var before = await log.ReadAfter(log.Latest, connection, transaction, ct);

        if (context.IdempotencyKey is { } key && await session.LoadAsync<IdempotencyRecord>(key, ct) is { } earlier)
            return SameRequest(earlier, context)
                ? new WriteOutcome.Replayed(earlier.Receipt)
                : new WriteOutcome.Refused(Violation.Broken("idempotency-key-reused", "Idempotency-Key",
                    $"key {key} was first used for a different request to {earlier.Path}"));

        var decision = Admission.Decide(before.Knowledge, proposed, clock.GetUtcNow(), context.ExpectedVersion);
        if (decision is not Decision.Admitted { Fact: var fact })
            return new WriteOutcome.Refused(((Decision.Refused)decision).Violation);

        session.LastModifiedBy = context.Actor;
        session.CorrelationId = context.CorrelationId;
        session.CausationId = context.CausationId;
        var stream = fact.StreamId;
        if (before.Knowledge.VersionOf(stream) == 0)
            session.Events.StartStream(stream, fact);
        else
            session.Events.Append(stream, fact);
        await session.SaveChangesAsync(ct);

        var after = await log.ReadAfter(before, connection, transaction, ct);
        var recorded = after.Knowledge.Facts[fact.FactId].Recorded;
        foreach (var step in steps)
            await step.OnRecorded(new Recorded(recorded, before, after, connection, transaction), ct);

        var receipt = new WriteReceipt(fact.FactId, recorded.StreamVersion, recorded.Position, recorded.RecordedAt, recorded.Retroactive);
        if (context.IdempotencyKey is { } newKey)
        {
            session.Store(new IdempotencyRecord(newKey, context.Path, context.Body, receipt));
            await session.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        log.Publish(after);
        return new WriteOutcome.Written(receipt);
    }

    /// <summary>Product.md 10.15: "same body" means the same path and equal JSON, whatever its spacing or member order.</summary>
    private static bool SameRequest(IdempotencyRecord earlier, WriteContext context) =>
        earlier.Path == context.Path && JsonNode.DeepEquals(JsonNode.Parse(earlier.Body), JsonNode.Parse(context.Body));
}
