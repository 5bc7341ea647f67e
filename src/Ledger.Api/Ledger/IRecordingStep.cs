using Ledger.Domain.Knowledge;
using Npgsql;

namespace Ledger.Api.Ledger;

/// <summary>
/// Work that must commit or fail with a fact's append: it runs inside the writer's transaction, under the write
/// lock, after the fact is appended and before commit. A step that throws rolls the write back.
/// </summary>
public interface IRecordingStep
{
    Task OnRecorded(Recorded recorded, CancellationToken ct);
}

/// <summary>One appended fact with the ledger as it stood just before and just after it, and the open transaction.</summary>
public sealed record Recorded(
    RecordedFact Fact,
    LedgerLog.Snapshot Before,
    LedgerLog.Snapshot After,
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction);
