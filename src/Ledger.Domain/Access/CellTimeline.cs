using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Access;

/// <summary>
/// A cell's answers over all of effective time, as one state of knowledge has them: the piecewise-constant
/// function that the temporal read model stores as interval rows. A cell can only change at an effective time
/// of a fact that touches it, so evaluating at those instants is exact.
/// </summary>
public static class CellTimeline
{
    /// <summary>
    /// The segments of the cell from the one containing <paramref name="from"/> onwards (all of them when null):
    /// a fact effective at <paramref name="from"/> cannot change anything before it. <paramref name="before"/>
    /// answers, for the tail's start, the segment already known to hold just before it; its <c>since</c> carries
    /// over, which spares walking the cell's whole history back (see <see cref="Stretch.Since"/>).
    /// </summary>
    public static IReadOnlyList<CellSegment> Of(
        LedgerKnowledge known, CellKey cell, DateTimeOffset? from = null, Func<DateTimeOffset, CellSegment?>? before = null)
    {
        var points = Stretch.ChangePoints(known, cell, from);
        var first = from is { } start ? points.FindLastIndex(p => p <= start) : -1;
        var segments = new List<CellSegment>();
        for (var i = first; i < points.Count; i++)
        {
            DateTimeOffset? validFrom = i >= 0 ? points[i] : null;
            DateTimeOffset? validTo = i + 1 < points.Count ? points[i + 1] : null;
            var segment = Segment(known, cell, validFrom, validTo);
            var previous = segments.Count > 0 ? segments[^1] : null;
            segment = segment with
            {
                Since = previous is null
                    ? validFrom is { } at ? SinceAtStart(known, cell, segment, at, before?.Invoke(at)) : null
                    : segment.SameState(previous) ? previous.Since : validFrom,
            };
            if (previous is not null && previous.SameAnswer(segment))
                segments[^1] = previous with { ValidTo = validTo };
            else
                segments.Add(segment);
        }

        return segments;
    }

    private static DateTimeOffset? SinceAtStart(LedgerKnowledge known, CellKey cell, CellSegment first, DateTimeOffset start, CellSegment? before) =>
        before is null ? Stretch.Since(known, cell.ModelId, cell.OrganizationId, cell.PersonClass, start)
        : first.SameState(before) ? before.Since
        : start;

    private static CellSegment Segment(LedgerKnowledge known, CellKey cell, DateTimeOffset? validFrom, DateTimeOffset? validTo)
    {
        var verdict = AccessSemantics.Evaluate(known, cell.ModelId, cell.OrganizationId, cell.PersonClass, validFrom ?? DateTimeOffset.MinValue);
        return new CellSegment(validFrom, validTo, verdict.Legal, verdict.Provider, verdict.Access, null, verdict.Basis, verdict.Reasons);
    }
}
