namespace Ledger.Domain.Facts;

public sealed record ModelRegistered(string ModelId, string Name) : ILedgerFact
{
    string ILedgerFact.FactId => ModelId;
    string ILedgerFact.StreamId => ModelId;
    DateTimeOffset? ILedgerFact.EffectiveAt => null;
    DateTimeOffset? ILedgerFact.ReceivedAt => null;
    string? ILedgerFact.ReceivedTimeZone => null;
    IFactKind ILedgerFact.Kind => ModelRegisteredKind.Instance;
}
