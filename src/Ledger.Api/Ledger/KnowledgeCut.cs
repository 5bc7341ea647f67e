using Ledger.Domain.Knowledge;

namespace Ledger.Api.Ledger;

/// <summary>
/// The knowledge a read is answered from (product.md section 3): everything recorded at or before a ledger
/// position, or at or before a recorded instant <c>knownAt</c>, with the position it stands at as the read's
/// consistency token.
/// </summary>
public sealed record KnowledgeCut(LedgerKnowledge Knowledge, DateTimeOffset? KnownAt, long Position)
{
    public static KnowledgeCut Latest(LedgerLog.Snapshot snapshot, DateTimeOffset now) =>
        new(snapshot.Knowledge, now, snapshot.Position);

    /// <summary>A read by position reports the recorded time of that position, so asking again gives the same bytes.</summary>
    public static KnowledgeCut AtPosition(LedgerLog.Snapshot snapshot, long position)
    {
        var facts = snapshot.Facts.TakeWhile(f => f.Position <= position).ToList();
        var knowledge = facts.Count == snapshot.Facts.Count ? snapshot.Knowledge : LedgerKnowledge.Fold(facts);
        return new KnowledgeCut(knowledge, facts.LastOrDefault()?.RecordedAt, position);
    }

    /// <summary>A <c>knownAt</c> in the future means current knowledge (product.md 10.18).</summary>
    public static KnowledgeCut AsKnownAt(LedgerLog.Snapshot snapshot, DateTimeOffset knownAt)
    {
        var facts = snapshot.Facts.Where(f => f.RecordedAt <= knownAt).ToList();
        var knowledge = facts.Count == snapshot.Facts.Count ? snapshot.Knowledge : LedgerKnowledge.Fold(facts);
        return new KnowledgeCut(knowledge, knownAt, knowledge.Position);
    }
}
