namespace Ledger.Domain.Changes;

/// <summary>
/// One cell as a consumer of the feed holds it: its schedule, from the instant it was first known on. A snapshot's
/// cell starts it, and each later <c>access.changed</c> of the cell replaces it from its <c>changedFrom</c> on: an
/// announcement carries the cell's whole timeline from that instant as the ledger then knows it, so nothing of the
/// older schedule at or after that instant still holds, and nothing before it changed. Pure.
/// </summary>
public sealed record FollowedCell(IReadOnlyList<ScheduledState> Schedule)
{
    /// <summary>The cell once an announcement of it, effective from <paramref name="changedFrom"/>, is applied.</summary>
    public FollowedCell Apply(DateTimeOffset changedFrom, IReadOnlyList<ScheduledState> schedule) =>
        new(Schedule.Where(s => s.From < changedFrom).Concat(schedule).ToList());

    /// <summary>
    /// The state at an effective instant; null before the first known instant, which a consumer can only answer
    /// by asking the ledger (a snapshot holds cells from its own instant on).
    /// </summary>
    public ScheduledState? At(DateTimeOffset instant) => Schedule.LastOrDefault(s => s.From <= instant);
}
