using System.Collections.Immutable;
using Ledger.Domain.Facts;

namespace Ledger.Domain.Knowledge;

/// <summary>A recorded fact as a reader knows it: the original, and its current value after the corrections known.</summary>
public sealed record KnownFact(RecordedFact Recorded, ILedgerFact Current, ImmutableList<RecordedFact> Corrections)
{
    public string Id => Recorded.Fact.FactId;

    public long Position => Recorded.Position;

    public T As<T>() where T : ILedgerFact => (T)Current;
}
