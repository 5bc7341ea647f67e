using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Changes;

/// <summary>
/// What one recorded fact changed: every cell within its <see cref="Reach"/> with its new timeline tail. The one
/// definition shared by the interval read model, which stores the tails where they differ from its live rows, and
/// the feed, which announces the cells whose state differs from what was known before (<see cref="AccessChanges"/>).
/// </summary>
/// <remarks>
/// Drawn cell by cell as the sequence is walked, and again on each walk: the read model keeps only the tails that
/// differ from its rows, and holding every tail of a fact until the last was drawn cost half as much CPU again
/// (garbage collection) where a fact reaches hundreds of cells, measured over a generated history.
/// </remarks>
public static class FactChange
{
    public static IEnumerable<CellTail> Of(LedgerKnowledge before, LedgerKnowledge after, ILedgerFact fact) => Of(Reach.Of(before, after, fact), after);

    /// <summary>
    /// The tails of a reach already worked out. <paramref name="heldBefore"/> answers, for a cell and its tail's
    /// start, the segment already known to hold just before it (the read model's live row), which spares walking
    /// the cell's whole history back for the tail's <c>since</c> (see <see cref="CellTimeline.Of"/>).
    /// </summary>
    public static IEnumerable<CellTail> Of(Reach reach, LedgerKnowledge after, Func<CellKey, DateTimeOffset, CellSegment?>? heldBefore = null) =>
        reach.Cells.Select(cell => new CellTail(
            cell, reach.From, CellTimeline.Of(after, cell, reach.From, heldBefore is null ? null : start => heldBefore(cell, start))));
}
