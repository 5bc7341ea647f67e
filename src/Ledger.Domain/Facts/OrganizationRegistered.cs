namespace Ledger.Domain.Facts;

/// <summary>A customer, partner or agency; <see cref="IsAddressee"/> marks the provider itself.</summary>
public sealed record OrganizationRegistered(
    string OrganizationId,
    string Name,
    string Country,
    bool UsPersonEntity,
    IReadOnlyList<string> Sectors,
    bool IsAddressee) : ILedgerFact
{
    string ILedgerFact.FactId => OrganizationId;
    string ILedgerFact.StreamId => OrganizationId;
    DateTimeOffset? ILedgerFact.EffectiveAt => null;
    DateTimeOffset? ILedgerFact.ReceivedAt => null;
    string? ILedgerFact.ReceivedTimeZone => null;
    IFactKind ILedgerFact.Kind => OrganizationRegisteredKind.Instance;
}
