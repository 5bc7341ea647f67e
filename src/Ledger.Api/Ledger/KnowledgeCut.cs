using Ledger.Domain.Knowledge;

namespace Ledger.Api.Ledger;

/// <summary>
/// Where a read stands on the recorded axis (product.md section 3): at a ledger position, reached directly or as
/// the last position recorded at or before <c>knownAt</c>. The position is the read's consistency token. The
/// knowledge at that position is looked up only when a read needs it (the matrix never does), from the snapshot's
/// <see cref="KnowledgeTrail"/>: never a fold of the log's prefix.
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
        _knowledge = new Lazy<LedgerKnowledge>(() => snapshot.Trail.At(position));
    }

    public long Position { get; }

    public DateTimeOffset? KnownAt { get; }

    public bool IsLatest => Position >= _snapshot.Position;

    public LedgerKnowledge Knowledge => _knowledge.Value;

    public static KnowledgeCut Latest(LedgerLog.Snapshot snapshot, DateTimeOffset now) => new(snapshot, snapshot.Position, now);

    /// <summary>A read by position reports the recorded time of that position, so asking again gives the same bytes.</summary>
    public static KnowledgeCut AtPosition(LedgerLog.Snapshot snapshot, long position)
    {
        var count = snapshot.Trail.CountThrough(position);
        return new KnowledgeCut(snapshot, position, count > 0 ? snapshot.Facts[count - 1].RecordedAt : null);
    }

    /// <summary>Facts recorded at or before <paramref name="knownAt"/>: a prefix of the log.</summary>
    public static KnowledgeCut AsKnownAt(LedgerLog.Snapshot snapshot, DateTimeOffset knownAt)
    {
        var count = snapshot.Trail.CountKnownAt(knownAt);
        return new KnowledgeCut(snapshot, count > 0 ? snapshot.Facts[count - 1].Position : 0, knownAt);
    }
}
