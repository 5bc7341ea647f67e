using System.Collections.Immutable;

namespace Ledger.Domain.Knowledge;

/// <summary>
/// The recorded facts and the knowledge at every position of them (product.md section 3), so a read as known at a
/// past position costs about what a read at the head does, however long the log. The knowledge after every
/// <see cref="Interval"/>-th fact is kept (its immutable indexes share what did not change since the one kept
/// before), and the knowledge after any number of facts is the kept one at or below it evolved by fewer than
/// <see cref="Interval"/> facts. A correction is a fact like any other, so the knowledge reached this way holds
/// exactly the corrections recorded up to that position.
/// </summary>
/// <remarks>
/// A kept knowledge costs the index nodes the facts since the previous one changed, which grows only with the
/// logarithm of the facts between them: the interval is small enough that a past read folds a few dozen facts, and
/// it doubles (every other kept knowledge is let go) whenever more than <see cref="MaxKept"/> are kept, so the cost
/// per fact stays bounded on a very long log, at the price of a longer fold.
/// </remarks>
public sealed record KnowledgeTrail
{
    /// <summary>
    /// At 10-20 us a fact, a past read folds at most ~0.3-0.6 ms; a longer interval saves little memory, since a
    /// kept knowledge costs the logarithm of the facts between two (docs/performance.md, "Past knowledge").
    /// </summary>
    public const int DefaultInterval = 32;

    /// <summary>With <see cref="DefaultInterval"/>, a log of a million facts still keeps every 32nd knowledge.</summary>
    public const int DefaultMaxKept = 32_768;

    public static readonly KnowledgeTrail Empty = Starting(DefaultInterval, DefaultMaxKept);

    private KnowledgeTrail(int interval, int maxKept)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKept, 1);
        Interval = interval;
        MaxKept = maxKept;
    }

    public ImmutableList<RecordedFact> Facts { get; private init; } = [];

    /// <summary>The knowledge after every fact: the ledger's head.</summary>
    public LedgerKnowledge Head { get; private init; } = LedgerKnowledge.Empty;

    public int Interval { get; private init; }

    public int MaxKept { get; }

    /// <summary><c>Kept[i]</c> is the knowledge after the first <c>(i + 1) * Interval</c> facts.</summary>
    public ImmutableList<LedgerKnowledge> Kept { get; private init; } = [];

    public long Position => Head.Position;

    /// <summary>An empty trail keeping the knowledge after every <paramref name="interval"/>-th fact, at most <paramref name="maxKept"/> of them.</summary>
    public static KnowledgeTrail Starting(int interval, int maxKept) => new(interval, maxKept);

    public KnowledgeTrail Evolve(RecordedFact fact)
    {
        var facts = Facts.Add(fact);
        var head = Head.Evolve(fact);
        if (facts.Count % Interval != 0)
            return this with { Facts = facts, Head = head };
        var kept = Kept.Add(head);
        return kept.Count <= MaxKept
            ? this with { Facts = facts, Head = head, Kept = kept }
            : this with { Facts = facts, Head = head, Kept = [.. kept.Where((_, i) => i % 2 == 1)], Interval = Interval * 2 };
    }

    public KnowledgeTrail Evolve(IEnumerable<RecordedFact> facts) => facts.Aggregate(this, (trail, fact) => trail.Evolve(fact));

    /// <summary>The knowledge after the first <paramref name="count"/> facts: a kept one evolved by fewer than <see cref="Interval"/> facts.</summary>
    public LedgerKnowledge After(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Facts.Count)
            return Head;
        var intervals = count / Interval;
        var known = intervals == 0 ? LedgerKnowledge.Empty : Kept[intervals - 1];
        for (var i = intervals * Interval; i < count; i++)
            known = known.Evolve(Facts[i]);
        return known;
    }

    /// <summary>The knowledge at <paramref name="position"/>: every fact recorded at or before it.</summary>
    public LedgerKnowledge At(long position) => After(CountThrough(position));

    /// <summary>How many facts were recorded at or before <paramref name="position"/>.</summary>
    public int CountThrough(long position) => CountWhile(fact => fact.Position <= position);

    /// <summary>
    /// How many facts were recorded at or before <paramref name="knownAt"/>. Recorded times rise with positions
    /// (every append holds the ledger's write lock and takes its time after acquiring it), so they are a prefix.
    /// </summary>
    public int CountKnownAt(DateTimeOffset knownAt) => CountWhile(fact => fact.RecordedAt <= knownAt);

    /// <summary>The length of the prefix of the log whose facts all satisfy <paramref name="atOrBefore"/>, by binary search.</summary>
    private int CountWhile(Func<RecordedFact, bool> atOrBefore)
    {
        int low = 0, high = Facts.Count;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (atOrBefore(Facts[middle]))
                low = middle + 1;
            else
                high = middle;
        }

        return low;
    }
}
