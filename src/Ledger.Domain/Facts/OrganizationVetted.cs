using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>
/// The decision whether an organisation is on an easing's annex. Approval and rejection are one event with an
/// outcome, so that a correction of the outcome replaces a field rather than the kind of fact.
/// </summary>
public sealed record OrganizationVetted(
    string OrganizationId,
    string VettingId,
    string EasingId,
    VettingOutcome Outcome,
    string VettedBy,
    IReadOnlyList<string> Criteria,
    DateTimeOffset EffectiveAt,
    DateTimeOffset? ExpiresAt) : ILedgerFact
{
    string ILedgerFact.FactId => VettingId;
    string ILedgerFact.StreamId => OrganizationId;
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => null;
    string? ILedgerFact.ReceivedTimeZone => null;
    IFactKind ILedgerFact.Kind => OrganizationVettedKind.Instance;
}
