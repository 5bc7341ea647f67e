using Ledger.Domain.Access;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Changes;

/// <summary>
/// A cell as one state of knowledge has it from an effective instant on: its state then (<see cref="Now"/>) and
/// its schedule from then on, in the words an <c>access.changed</c> uses, so a snapshot's cell and a later
/// announcement of it are applied alike (<see cref="FollowedCell"/>).
/// </summary>
public sealed record CellOutlook(AccessCell Now, IReadOnlyList<ScheduledState> Schedule)
{
    public static CellOutlook Of(LedgerKnowledge known, CellKey cell, DateTimeOffset at)
    {
        var segments = CellTimeline.Of(known, cell, at);
        return new CellOutlook(AccessChanges.Cell(cell, segments.First(s => s.Contains(at))), AccessChanges.Schedule(segments, at));
    }
}
