namespace Ledger.Verifier.Reports;

/// <summary>
/// One event of the log as a verified bundle carries it: what the fold needs, and nothing about how the bundle proved
/// it. Recomputation takes these, so it works from any bundle line that keeps a fact's effects (a cleared reader's
/// full line, or a withheld line whose text reads as the withheld marker).
/// </summary>
/// <param name="Data">the event's JSON as stored</param>
public sealed record LedgerEvent(long Position, string Type, DateTimeOffset RecordedAt, string? StreamId, long Version, string? UserName, string Data);
