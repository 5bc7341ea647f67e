using Ledger.Domain.Knowledge;
using Npgsql;

namespace Ledger.Api.Ledger;

/// <summary>
/// Work that must commit or fail with the facts' append: it runs inside the writer's transaction, under the write
/// lock, after the facts are appended and before commit. A step that throws rolls the whole transaction back.
/// </summary>
/// <remarks>
/// A step is called once per transaction with every fact the transaction appended, so that its round trips to
/// PostgreSQL are paid per group of writes, not per write: under load that is what makes group commit pay.
/// </remarks>
public interface IRecordingStep
{
    Task OnRecorded(RecordedGroup group, CancellationToken ct);
}

/// <summary>
/// The facts one transaction appended, in position order, and the open transaction. A <paramref name="Rehearsal"/> is
/// the warm-up's group: its facts were never appended and its transaction is rolled back, so a step runs its
/// statements but checks nothing against the rows it finds.
/// </summary>
public sealed record RecordedGroup(IReadOnlyList<Recorded> Facts, NpgsqlConnection Connection, NpgsqlTransaction Transaction, bool Rehearsal = false);

/// <summary>One appended fact with the ledger as it stood just before and just after it.</summary>
public sealed record Recorded(RecordedFact Fact, LedgerLog.Snapshot Before, LedgerLog.Snapshot After);
