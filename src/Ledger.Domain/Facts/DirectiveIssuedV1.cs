using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>
/// A directive as issued before directives named their addressees: stored as <c>directive-issued.v1</c> and never
/// written again. It is read as a <see cref="DirectiveIssued"/> addressed to the organisations flagged
/// <c>isAddressee</c> when it was recorded (product.md 11), by <see cref="DirectiveIssuedV1Kind"/>.
/// </summary>
public sealed record DirectiveIssuedV1(
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
    IFactKind ILedgerFact.Kind => DirectiveIssuedV1Kind.Instance;

    /// <summary>The directive in today's shape, addressed to <paramref name="addressees"/>.</summary>
    public DirectiveIssued Upcast(IReadOnlyList<string> addressees) => new(
        DirectiveId, Reference, Issuer, Authorities, Kind, Channel, Rationale, Confidential, Scope, EffectiveAt, ReceivedAt,
        ReceivedTimeZone, Documents, addressees, IssuingOrganizationId: null);
}
