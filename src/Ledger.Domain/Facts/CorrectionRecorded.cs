using System.Text.Json;

namespace Ledger.Domain.Facts;

/// <summary>
/// Replaces one top-level field of a recorded fact for readers whose knowledge includes the correction; the
/// corrected fact itself is never changed. <see cref="StreamId"/> is the target's stream, fixed when recorded.
/// </summary>
public sealed record CorrectionRecorded(
    string CorrectionId,
    string EventId,
    string StreamId,
    string Field,
    JsonElement Value,
    string Reason) : ILedgerFact
{
    string ILedgerFact.FactId => CorrectionId;
    string ILedgerFact.StreamId => StreamId;
    DateTimeOffset? ILedgerFact.EffectiveAt => null;
    DateTimeOffset? ILedgerFact.ReceivedAt => null;
    string? ILedgerFact.ReceivedTimeZone => null;
    IFactKind ILedgerFact.Kind => CorrectionRecordedKind.Instance;
}
