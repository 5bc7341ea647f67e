using System.Collections.Immutable;

namespace Ledger.Domain.Knowledge;

/// <summary>
/// A fact filed under the instant at which it counts (its effective time, or an expiry). Indexes of these are kept
/// in the order in which the access semantics mean "latest" (by that instant, then by position), so the latest
/// fact before an instant is a binary search and the facts after it a short walk, however long the history.
/// </summary>
public readonly record struct Filed(DateTimeOffset At, KnownFact Fact)
{
    public static readonly IComparer<Filed> Order = Comparer<Filed>.Create((a, b) =>
    {
        var byInstant = a.At.CompareTo(b.At);
        return byInstant != 0 ? byInstant : a.Fact.Position.CompareTo(b.Fact.Position);
    });

    public static readonly ImmutableSortedSet<Filed> None = ImmutableSortedSet.Create(Order);

    /// <summary>The index of the last entry at or before <paramref name="at"/>; -1 when there is none.</summary>
    public static int LastAtOrBefore(ImmutableSortedSet<Filed> index, DateTimeOffset at)
    {
        var (low, high) = (0, index.Count - 1);
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (index[middle].At <= at)
                low = middle + 1;
            else
                high = middle - 1;
        }

        return high;
    }
}
