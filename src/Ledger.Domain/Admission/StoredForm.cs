using Ledger.Domain.Facts;

namespace Ledger.Domain.Admission;

/// <summary>
/// A fact as the ledger stores it: received times at the offset of their zone, so the stored JSON shows the
/// original local wall time, which is evidence.
/// </summary>
public static class StoredForm
{
    public static ILedgerFact Of(ILedgerFact fact) => fact switch
    {
        DirectiveIssued d => d with { ReceivedAt = Shape.InZone(d.ReceivedAt, d.ReceivedTimeZone) },
        DirectiveAmended a => a with { ReceivedAt = Shape.InZone(a.ReceivedAt, a.ReceivedTimeZone) },
        EasingGranted e => e with { ReceivedAt = Shape.InZone(e.ReceivedAt, e.ReceivedTimeZone) },
        DirectiveRescinded r => r with { ReceivedAt = Shape.InZone(r.ReceivedAt, r.ReceivedTimeZone) },
        _ => fact,
    };
}
