using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>The provider switches a model off for an organisation, or for everyone when it is <c>*</c>.</summary>
public sealed record AccessSuspended(
    string SuspensionId,
    string ModelId,
    string OrganizationId,
    IReadOnlyList<PersonClass> PersonClasses,
    DateTimeOffset EffectiveAt,
    string Reason) : ILedgerFact, IProviderAct
{
    string ILedgerFact.FactId => SuspensionId;
    string ILedgerFact.StreamId => FactIds.AccessStream(ModelId);
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => null;
    string? ILedgerFact.ReceivedTimeZone => null;
    IFactKind ILedgerFact.Kind => AccessSuspendedKind.Instance;
    ProviderState IProviderAct.Result => ProviderState.Suspended;
}
