using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Changes;

/// <summary>
/// The access changes the feed announces for one recorded fact. A cell's state (legal, provider and so access) is a
/// function of the effective instant; a fact changes a cell when that function, as known after the fact, differs
/// anywhere from the function as known before it. Comparing timelines rather than one instant catches what a single
/// comparison misses: a fact effective in the future (a gateway must switch then), a vetting that expires, a
/// backdated act that a later act already overrode, and a correction that moves an effective time.
/// Pure: the same two states of knowledge always give the same changes, in model, organisation, class order.
/// </summary>
public static class AccessChanges
{
    /// <summary>The start of every timeline: product.md 10.13 allows no effective time before 1970.</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// The cells of a fact's <see cref="FactChange"/> whose state, as known after the fact, differs anywhere from the
    /// state as known before it, in the matrix's order (models and organisations by registration, then <c>*</c>;
    /// us-person before foreign-person). Derived from the tails the read model stores, so the two cannot disagree on
    /// what changed: only the timeline as known before is drawn here, from the same instant.
    /// </summary>
    public static IReadOnlyList<AccessChange> Of(LedgerKnowledge before, LedgerKnowledge after, IEnumerable<CellTail> tails)
    {
        var changes = new List<AccessChange>();
        foreach (var tail in tails.Where(t => InMatrix(after, t.Cell)).OrderBy(t => MatrixOrder(after, t.Cell)))
            if (Compared(before, tail) is { } compared)
                changes.Add(compared);
        return changes;
    }

    /// <summary>Only cells of the matrix are announced, as the admission rules already ensure of every reach.</summary>
    private static bool InMatrix(LedgerKnowledge known, CellKey cell) =>
        known.Find<ModelRegistered>(cell.ModelId) is not null
        && (cell.OrganizationId == FactIds.Everyone || known.Find<OrganizationRegistered>(cell.OrganizationId) is not null)
        && AccessMatrix.Classes.Contains(cell.PersonClass);

    private static (long Model, long Organization, PersonClass Class) MatrixOrder(LedgerKnowledge known, CellKey cell) => (
        known.Facts[cell.ModelId].Position,
        cell.OrganizationId == FactIds.Everyone ? long.MaxValue : known.Facts[cell.OrganizationId].Position,
        cell.PersonClass);

    /// <summary>
    /// A cell of a model not registered before has no earlier state; a newly registered organisation's cell is
    /// compared with the <c>*</c> row it was answered from. Both timelines are drawn from the same instant, and
    /// nothing changes before it, so the first instant at which they differ is a start of a segment of one of them
    /// (or the epoch, before which nothing is effective).
    /// </summary>
    private static AccessChange? Compared(LedgerKnowledge before, CellTail tail)
    {
        var cell = tail.Cell;
        var answeredAs = cell.OrganizationId == FactIds.Everyone || before.Find<OrganizationRegistered>(cell.OrganizationId) is not null
            ? cell
            : cell with { OrganizationId = FactIds.Everyone };
        var was = before.Find<ModelRegistered>(cell.ModelId) is null ? null : CellTimeline.Of(before, answeredAs, tail.From);
        var instants = tail.Segments.Concat(was ?? []).Select(s => s.ValidFrom).OfType<DateTimeOffset>()
            .Where(at => at >= Epoch).Append(Epoch).Distinct().Order();
        foreach (var at in instants)
        {
            if (Holding(tail.Segments, at) is not { } now)
                continue;
            var then = was is null ? null : Holding(was, at);
            if (was is not null && (then is null || then.SameState(now)))
                continue;
            return new AccessChange(cell.ModelId, cell.OrganizationId, cell.PersonClass, at,
                then is null ? null : Cell(cell, then), Cell(cell, now), Schedule(tail.Segments, at));
        }

        return null;
    }

    private static CellSegment? Holding(IReadOnlyList<CellSegment> segments, DateTimeOffset at) => segments.FirstOrDefault(s => s.Contains(at));

    internal static AccessCell Cell(CellKey cell, CellSegment segment) => new(
        cell.ModelId, cell.OrganizationId, cell.PersonClass, segment.Legal, segment.Provider, segment.Access, segment.Since, segment.Basis,
        string.Join("; ", segment.Reasons));

    /// <summary>
    /// The states of a tail from an instant on, one entry per change of legal or provider state: what an
    /// <c>access.changed</c> announces from its instant and what a snapshot holds from its own.
    /// </summary>
    public static List<ScheduledState> Schedule(IReadOnlyList<CellSegment> segments, DateTimeOffset from)
    {
        var schedule = new List<ScheduledState>();
        foreach (var segment in segments.Where(s => s.ValidTo is not { } to || to > from))
        {
            if (schedule.Count > 0 && schedule[^1].Legal == segment.Legal && schedule[^1].Provider == segment.Provider)
                continue;
            var start = segment.ValidFrom is { } at && at > from ? at : from;
            schedule.Add(new ScheduledState(start, segment.Legal, segment.Provider, segment.Access));
        }

        return schedule;
    }
}
