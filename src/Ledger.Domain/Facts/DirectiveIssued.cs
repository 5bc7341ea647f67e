using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>
/// A government instrument restricting access. <see cref="ReceivedAt"/> is stored at the offset of
/// <see cref="ReceivedTimeZone"/>, so the original local wall time survives as evidence.
/// </summary>
public sealed record DirectiveIssued(
    string DirectiveId,
    string Reference,
    string Issuer,
    IReadOnlyList<string> Authorities,
    DirectiveKind Kind,
    string Channel,
    string? Rationale,
    bool Confidential,
    DirectiveScope Scope,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents) : ILedgerFact
{
    string ILedgerFact.FactId => DirectiveId;
    string ILedgerFact.StreamId => DirectiveId;
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => ReceivedAt;
    string? ILedgerFact.ReceivedTimeZone => ReceivedTimeZone;
    IFactKind ILedgerFact.Kind => DirectiveIssuedKind.Instance;
}
