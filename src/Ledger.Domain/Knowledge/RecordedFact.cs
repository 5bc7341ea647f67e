using Ledger.Domain.Facts;

namespace Ledger.Domain.Knowledge;

/// <summary>
/// A fact as appended: the ledger, never the client, assigns its position, stream version and recorded time.
/// </summary>
public sealed record RecordedFact(
    ILedgerFact Fact,
    long Position,
    long StreamVersion,
    DateTimeOffset RecordedAt,
    string? Actor)
{
    public string Type => LedgerEventTypes.NameOf(Fact);

    /// <summary>Product.md 10.14: it takes effect before it was received or, without a received time, recorded.</summary>
    public bool Retroactive => Fact.EffectiveAt is { } effective && effective < (Fact.ReceivedAt ?? RecordedAt);
}
