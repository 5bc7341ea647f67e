namespace Ledger.Domain.Facts;

/// <summary>Takes an organisation off an annex from <see cref="EffectiveAt"/>; its id is <c>&lt;vettingId&gt;:revocation</c>.</summary>
public sealed record VettingRevoked(string OrganizationId, string VettingId, DateTimeOffset EffectiveAt, string Reason)
    : ILedgerFact
{
    string ILedgerFact.FactId => Vocabulary.FactIds.Revocation(VettingId);
    string ILedgerFact.StreamId => OrganizationId;
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => null;
    string? ILedgerFact.ReceivedTimeZone => null;
    IFactKind ILedgerFact.Kind => VettingRevokedKind.Instance;
}
