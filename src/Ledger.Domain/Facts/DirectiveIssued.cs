using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>
/// A government instrument restricting access, addressed to registered organisations and possibly issued by one;
/// they are who, besides compliance and auditors, may read its text when it is confidential (product.md 11).
/// <see cref="ReceivedAt"/> is stored at the offset of <see cref="ReceivedTimeZone"/>, so the original local wall
/// time survives as evidence.
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
    IReadOnlyList<SourceDocument> Documents,
    IReadOnlyList<string> Addressees,
    string? IssuingOrganizationId) : ILedgerFact
{
    string ILedgerFact.FactId => DirectiveId;
    string ILedgerFact.StreamId => DirectiveId;
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => ReceivedAt;
    string? ILedgerFact.ReceivedTimeZone => ReceivedTimeZone;
    IFactKind ILedgerFact.Kind => DirectiveIssuedKind.Instance;

    /// <summary>Whether a reader of this organisation is one the directive is addressed to or was issued by.</summary>
    public bool IsAddressedTo(string organizationId) => Addressees.Contains(organizationId) || IssuingOrganizationId == organizationId;
}
