namespace Ledger.Domain.Facts;

/// <summary>A new scope version of a directive; unlike an easing it may widen the scope.</summary>
public sealed record DirectiveAmended(
    string DirectiveId,
    string AmendmentId,
    DirectiveScope Scope,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents) : ILedgerFact
{
    string ILedgerFact.FactId => AmendmentId;
    string ILedgerFact.StreamId => DirectiveId;
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => ReceivedAt;
    string? ILedgerFact.ReceivedTimeZone => ReceivedTimeZone;
    IFactKind ILedgerFact.Kind => DirectiveAmendedKind.Instance;
}
