using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// Which cells a newly recorded fact can change, and from which effective instant: a fact never changes a cell
/// before it takes effect, and registrations open whole new rows and columns of the matrix.
/// </summary>
public static class AffectedCells
{
    public sealed record Change(IReadOnlyCollection<CellKey> Cells, DateTimeOffset? From);

    public static Change Of(LedgerKnowledge before, LedgerKnowledge after, RecordedFact recorded) => recorded.Fact switch
    {
        CorrectionRecorded correction => Corrected(before, after, correction),
        var fact => Of(after, fact),
    };

    private static Change Of(LedgerKnowledge known, ILedgerFact fact) => fact switch
    {
        ModelRegistered m => new(Cells([m.ModelId], Rows(known)), null),
        OrganizationRegistered o => new(Cells(known.Models, [o.OrganizationId]), null),
        DirectiveIssued d => new(Cells(ModelsEverIn(known, d.DirectiveId), Rows(known)), d.EffectiveAt),
        DirectiveAmended a => new(Cells(ModelsEverIn(known, a.DirectiveId), Rows(known)), a.EffectiveAt),
        EasingGranted e => new(Cells(e.Models, Rows(known)), e.EffectiveAt),
        DirectiveRescinded r => new(Cells(ModelsEverIn(known, r.DirectiveId), Rows(known)), r.EffectiveAt),
        OrganizationVetted v => new(Cells(Released(known, v), [v.OrganizationId]), v.EffectiveAt),
        VettingRevoked r => new(Cells(Released(known, r), [r.OrganizationId]), r.EffectiveAt),
        IProviderAct act => new(
            Cells([act.ModelId], act.OrganizationId == FactIds.Everyone ? Rows(known) : [act.OrganizationId], act.PersonClasses),
            act.EffectiveAt),
        _ => new([], null),
    };

    /// <summary>A correction may move a fact in time or between cells: both the old and the new version count.</summary>
    private static Change Corrected(LedgerKnowledge before, LedgerKnowledge after, CorrectionRecorded correction)
    {
        if (ChangesNoAnswer(before.Facts[correction.EventId].Current, after.Facts[correction.EventId].Current))
            return new([], null);
        var old = Of(before, before.Facts[correction.EventId].Current);
        var corrected = Of(after, after.Facts[correction.EventId].Current);
        DateTimeOffset? from = old.From is { } a && corrected.From is { } b ? (a < b ? a : b) : null;
        return new Change(old.Cells.Union(corrected.Cells).ToList(), from);
    }

    /// <summary>
    /// A registration counts for access by existing and, for an organisation, by being the addressee (product.md
    /// 10.6); a corrected name or sector changes no answer, and redrawing every cell of the row or column from the
    /// beginning of time would cost a rebuild more than all the other facts together.
    /// </summary>
    private static bool ChangesNoAnswer(ILedgerFact old, ILedgerFact corrected) => (old, corrected) switch
    {
        (ModelRegistered, ModelRegistered) => true,
        (OrganizationRegistered o, OrganizationRegistered c) => o.IsAddressee == c.IsAddressee,
        _ => false,
    };

    /// <summary>A vetting, or the revocation of one, only matters for the registered models its easing releases.</summary>
    public static IEnumerable<string> Released(LedgerKnowledge known, ILedgerFact vettingOrRevocation) =>
        EasingOf(known, vettingOrRevocation)?.Models.Where(m => known.Find<ModelRegistered>(m) is not null) ?? [];

    /// <summary>The easing a vetting, or the revocation of one, is under; null for any other fact.</summary>
    public static EasingGranted? EasingOf(LedgerKnowledge known, ILedgerFact fact) => fact switch
    {
        OrganizationVetted vetting => known.Find<EasingGranted>(vetting.EasingId),
        VettingRevoked revocation => known.Find<OrganizationVetted>(revocation.VettingId) is { } vetting
            ? known.Find<EasingGranted>(vetting.EasingId)
            : null,
        _ => null,
    };

    private static IEnumerable<string> Rows(LedgerKnowledge known) => known.Organizations.Append(FactIds.Everyone);

    private static IEnumerable<string> ModelsEverIn(LedgerKnowledge known, string directiveId) =>
        known.Models.Where(m => known.DirectivesNamingModel(m).Contains(directiveId));

    private static List<CellKey> Cells(IEnumerable<string> models, IEnumerable<string> organizations, IEnumerable<PersonClass>? classes = null)
    {
        var rows = organizations.ToList();
        var personClasses = (classes ?? AccessMatrix.Classes).Where(c => c != PersonClass.Unknown).Distinct().ToList();
        return models.SelectMany(m => rows.SelectMany(o => personClasses.Select(c => new CellKey(m, o, c)))).ToList();
    }
}
