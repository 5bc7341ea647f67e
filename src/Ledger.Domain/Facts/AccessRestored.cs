using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>The provider switches a model back on; accepted only where the law allows access (rule 5).</summary>
public sealed record AccessRestored(
    string RestorationId,
    string ModelId,
    string OrganizationId,
    IReadOnlyList<PersonClass> PersonClasses,
    string? EasingId,
    DateTimeOffset EffectiveAt) : ILedgerFact, IProviderAct
{
    string ILedgerFact.FactId => RestorationId;
    string ILedgerFact.StreamId => FactIds.AccessStream(ModelId);
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => null;
    string? ILedgerFact.ReceivedTimeZone => null;
    IFactKind ILedgerFact.Kind => AccessRestoredKind.Instance;
    ProviderState IProviderAct.Result => ProviderState.Enabled;
}
