using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Register;
using Ledger.Integrity.Bundles;

namespace Ledger.Api.Integrity;

/// <summary>
/// Which events of an export a reader may not see: every act of a confidential directive (issue, amendment,
/// easing, rescission) and every correction of one, unless <see cref="Confidentiality.MaySee"/> says the reader
/// may. The reads withhold only the text of such facts; a bundle withholds the whole event, because a leaf can only
/// be recomputed from all of it, and gives its leaf hash instead.
/// </summary>
public static class Withholding
{

    public static Func<long, string?> For(LedgerLog.Snapshot snapshot, Clearance clearance)
    {
        var known = snapshot.Knowledge;
        if (Confidentiality.MaySee(known, clearance))
            return _ => null;
        var hidden = snapshot.Facts
            .Where(f => DirectiveOf(known, f.Fact) is { } directive && Confidentiality.IsConfidential(known, directive))
            .Select(f => f.Position)
            .ToHashSet();
        return position => hidden.Contains(position) ? BundleFormat.Confidential : null;
    }

    private static string? DirectiveOf(LedgerKnowledge known, ILedgerFact fact) => fact switch
    {
        DirectiveIssued d => d.DirectiveId,
        DirectiveAmended a => a.DirectiveId,
        EasingGranted e => e.DirectiveId,
        DirectiveRescinded r => r.DirectiveId,
        CorrectionRecorded c when known.Find(c.EventId) is { } target && !ReferenceEquals(target.Recorded.Fact, fact) =>
            DirectiveOf(known, target.Recorded.Fact),
        _ => null,
    };
}
