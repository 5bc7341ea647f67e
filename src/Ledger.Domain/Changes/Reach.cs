using System.Diagnostics;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Changes;

/// <summary>
/// The cells a newly recorded fact can change, and the effective instant from which it can (null: all of time).
/// A fact never changes a cell before it takes effect, and registrations open whole new rows and columns of the
/// matrix. Judged generously: a cell named here that did not change costs one comparison, a cell missed would
/// leave the read model and the feed wrong.
/// </summary>
public sealed record Reach(IReadOnlyList<CellKey> Cells, DateTimeOffset? From)
{
    private static readonly Reach Nothing = new([], null);

    /// <summary>
    /// One arm per kind of fact and no default, so that a new kind fails here instead of touching nothing.
    /// Every arm but the correction's reads the knowledge after the fact, which holds the fact itself.
    /// </summary>
    public static Reach Of(LedgerKnowledge before, LedgerKnowledge after, ILedgerFact fact) => fact switch
    {
        ModelRegistered m => new(Crossed([m.ModelId], Rows(after)), null),
        OrganizationRegistered o => new(Crossed(after.Models, [o.OrganizationId]), null),
        DirectiveIssued d => new(Crossed(ModelsEverIn(after, d.DirectiveId), Rows(after)), d.EffectiveAt),
        DirectiveAmended a => new(Crossed(ModelsEverIn(after, a.DirectiveId), Rows(after)), a.EffectiveAt),
        EasingGranted e => new(Crossed(e.Models, Rows(after)), e.EffectiveAt),
        DirectiveRescinded r => new(Crossed(ModelsEverIn(after, r.DirectiveId), Rows(after)), r.EffectiveAt),
        OrganizationVetted v => new(Crossed(Released(after, v), [v.OrganizationId]), v.EffectiveAt),
        VettingRevoked r => new(Crossed(Released(after, r), [r.OrganizationId]), r.EffectiveAt),
        AccessSuspended s => new(Crossed([s.ModelId], Heard(after, s), s.PersonClasses), s.EffectiveAt),
        AccessRestored r => new(Crossed([r.ModelId], Heard(after, r), r.PersonClasses), r.EffectiveAt),
        CorrectionRecorded c => Corrected(before, after, c),
        _ => throw new UnreachableException($"{fact.GetType().Name} is a kind of fact without a reach"),
    };

    /// <summary>
    /// A correction may move a fact in time or between cells: the cells of both versions count, each judged by the
    /// knowledge that held it, from the earlier of the two instants.
    /// A registration counts for access by existing and, for an organisation, by being the addressee (product.md
    /// 10.6): a corrected name or sector changes no answer, and redrawing every cell of the row or column from the
    /// beginning of time would cost a rebuild more than all the other facts together.
    /// </summary>
    private static Reach Corrected(LedgerKnowledge before, LedgerKnowledge after, CorrectionRecorded correction)
    {
        var (old, corrected) = (before.Facts[correction.EventId].Current, after.Facts[correction.EventId].Current);
        if (old is ModelRegistered && corrected is ModelRegistered
            || old is OrganizationRegistered o && corrected is OrganizationRegistered c && o.IsAddressee == c.IsAddressee)
            return Nothing;
        var (was, now) = (Of(before, before, old), Of(after, after, corrected));
        DateTimeOffset? from = was.From is { } a && now.From is { } b ? (a < b ? a : b) : null;
        return new Reach(was.Cells.Union(now.Cells).ToList(), from);
    }

    /// <summary>A vetting, or the revocation of one, only matters for the registered models its easing releases.</summary>
    private static IEnumerable<string> Released(LedgerKnowledge known, ILedgerFact vettingOrRevocation) =>
        Annex.EasingOf(known, vettingOrRevocation)?.Models.Where(m => known.Find<ModelRegistered>(m) is not null) ?? [];

    /// <summary>The matrix rows a provider act is heard in: its organisation's, or every row when it is <c>*</c>.</summary>
    private static IEnumerable<string> Heard(LedgerKnowledge known, IProviderAct act) =>
        act.OrganizationId == FactIds.Everyone ? Rows(known) : [act.OrganizationId];

    private static IEnumerable<string> Rows(LedgerKnowledge known) => known.Organizations.Append(FactIds.Everyone);

    private static IEnumerable<string> ModelsEverIn(LedgerKnowledge known, string directiveId) =>
        known.Models.Where(m => known.DirectivesNamingModel(m).Contains(directiveId));

    /// <summary>Distinct, in the order given: a model or class named twice is still one cell.</summary>
    private static List<CellKey> Crossed(IEnumerable<string> models, IEnumerable<string> organizations, IEnumerable<PersonClass>? classes = null)
    {
        var rows = organizations.ToList();
        var personClasses = (classes ?? AccessMatrix.Classes).Where(c => c != PersonClass.Unknown).Distinct().ToList();
        return models.Distinct().SelectMany(m => rows.SelectMany(o => personClasses.Select(c => new CellKey(m, o, c)))).ToList();
    }
}
