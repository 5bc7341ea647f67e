namespace Ledger.Domain.Facts;

/// <summary>A permanent lifting of a directive for some models, or for all of them when <see cref="Models"/> is null.</summary>
public sealed record DirectiveRescinded(
    string DirectiveId,
    string RescissionId,
    IReadOnlyList<string>? Models,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents) : ILedgerFact
{
    public bool RescindsAll => Models is null;

    public bool Rescinds(string modelId) => Models is null || Models.Contains(modelId);

    string ILedgerFact.FactId => RescissionId;
    string ILedgerFact.StreamId => DirectiveId;
    DateTimeOffset? ILedgerFact.EffectiveAt => EffectiveAt;
    DateTimeOffset? ILedgerFact.ReceivedAt => ReceivedAt;
    string? ILedgerFact.ReceivedTimeZone => ReceivedTimeZone;
    IFactKind ILedgerFact.Kind => DirectiveRescindedKind.Instance;
}
