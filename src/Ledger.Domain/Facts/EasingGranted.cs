namespace Ledger.Domain.Facts;

/// <summary>A narrowing of one directive: which of its models it releases, and for whom.</summary>
public sealed record EasingGranted(
    string DirectiveId,
    string EasingId,
    IReadOnlyList<string> Models,
    bool CoversListedOrganizations,
    bool CoversAddresseeForeignEmployees,
    IReadOnlyList<string> Conditions,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents) : ILedgerFact
{
    string ILedgerFact.FactId => EasingId;
    string ILedgerFact.StreamId => DirectiveId;
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => ReceivedAt;
    string? ILedgerFact.ReceivedTimeZone => ReceivedTimeZone;
    IFactKind ILedgerFact.Kind => EasingGrantedKind.Instance;
}
