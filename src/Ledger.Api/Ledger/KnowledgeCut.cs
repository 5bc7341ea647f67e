using Ledger.Domain.Knowledge;

namespace Ledger.Api.Ledger;

/// <summary>
/// Where a read stands on the recorded axis (product.md section 3): at a ledger position, reached directly or as
/// the last position recorded at or before <c>knownAt</c>. The position is the read's consistency token. The
/// knowledge at that position is folded only when a read needs it; the matrix never does.
/// </summary>
public sealed class KnowledgeCut
{
    private readonly LedgerLog.Snapshot _snapshot;
    private readonly Lazy<LedgerKnowledge> _knowledge;

    private KnowledgeCut(LedgerLog.Snapshot snapshot, long position, DateTimeOffset? knownAt)
    {
        _snapshot = snapshot;
        Position = position;
        KnownAt = knownAt;
        _knowledge = new Lazy<LedgerKnowledge>(() => position >= snapshot.Position
            ? snapshot.Knowledge
            : LedgerKnowledge.Fold(snapshot.Facts.TakeWhile(f => f.Position <= position)));
    }

    public long Position { get; }

    public DateTimeOffset? KnownAt { get; }

    public bool IsLatest => Position >= _snapshot.Position;

    public LedgerKnowledge Knowledge => _knowledge.Value;

    public static KnowledgeCut Latest(LedgerLog.Snapshot snapshot, DateTimeOffset now) => new(snapshot, snapshot.Position, now);

    /// <summary>A read by position reports the recorded time of that position, so asking again gives the same bytes.</summary>
    public static KnowledgeCut AtPosition(LedgerLog.Snapshot snapshot, long position)
    {
        var index = LastIndexAtOrBefore(snapshot, f => f.Position <= position);
        return new KnowledgeCut(snapshot, position, index >= 0 ? snapshot.Facts[index].RecordedAt : null);
    }

    /// <summary>
    /// Facts recorded at or before <paramref name="knownAt"/>. Recorded times rise with positions because every
    /// append holds the write lock and takes its time after acquiring it, so this is a prefix of the log.
    /// </summary>
    public static KnowledgeCut AsKnownAt(LedgerLog.Snapshot snapshot, DateTimeOffset knownAt)
    {
        var index = LastIndexAtOrBefore(snapshot, f => f.RecordedAt <= knownAt);
        return new KnowledgeCut(snapshot, index >= 0 ? snapshot.Facts[index].Position : 0, knownAt);
    }

    private static int LastIndexAtOrBefore(LedgerLog.Snapshot snapshot, Func<RecordedFact, bool> atOrBefore)
    {
        int low = 0, high = snapshot.Facts.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (atOrBefore(snapshot.Facts[middle]))
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }
}
