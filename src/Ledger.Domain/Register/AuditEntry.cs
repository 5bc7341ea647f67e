using Ledger.Domain.Access;

namespace Ledger.Domain.Register;

/// <summary>
/// One line of an audit timeline: the fact as now known, as first recorded when corrected since, its three
/// times, who recorded it, the facts it rests on, and every correction with its own time and author.
/// Facts are typed <c>object</c> so they serialize as what they are, not as the interface they share.
/// <see cref="Redacted"/> says confidential text was withheld from this reader (<see cref="Readers.Withholding"/>).
/// </summary>
public sealed record AuditEntry(
    string EventId,
    string Type,
    string StreamId,
    long StreamVersion,
    string? Actor,
    FactTimes Times,
    object Fact,
    object? AsFirstRecorded,
    IReadOnlyList<BasisEvent> Basis,
    IReadOnlyList<AuditEntry.CorrectionEntry> Corrections,
    bool Redacted)
{
    public sealed record CorrectionEntry(string CorrectionId, string Field, System.Text.Json.JsonElement Value, string Reason, long Position, DateTimeOffset RecordedAt, string? Actor);
}
