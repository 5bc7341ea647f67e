using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Changes;

/// <summary>
/// The cells a newly recorded fact can change, and the effective instant from which it can (null: all of time).
/// A fact never changes a cell before it takes effect, and registrations open whole new rows and columns of the
/// matrix. Judged generously: a cell named here that did not change costs one comparison, a cell missed would
/// leave the read model and the feed wrong. Each kind of fact says which reach it has (<see cref="IFactKind.Touches"/>);
/// the shapes of reach it can choose from are here.
/// </summary>
public sealed record Reach(IReadOnlyList<CellKey> Cells, DateTimeOffset? From)
{
    public static readonly Reach Nothing = new([], null);

    public static Reach Of(LedgerKnowledge before, LedgerKnowledge after, ILedgerFact fact) => fact.Kind.Touches(fact, before, after);

    /// <summary>A new model's column, in every row, for all of time.</summary>
    public static Reach Model(LedgerKnowledge after, string modelId) => new(Crossed([modelId], Rows(after)), null);

    /// <summary>A new organisation's row, for every model, for all of time.</summary>
    public static Reach Organization(LedgerKnowledge after, string organizationId) => new(Crossed(after.Models, [organizationId]), null);

    /// <summary>An act of a directive: every model any version of it names, in every row, from its effective time.</summary>
    public static Reach Directive(LedgerKnowledge after, string directiveId, DateTimeOffset from) =>
        new(Crossed(after.Models.Where(m => after.DirectivesNamingModel(m).Contains(directiveId)), Rows(after)), from);

    /// <summary>An easing: the models it releases, in every row, from its effective time.</summary>
    public static Reach Easing(LedgerKnowledge after, IEnumerable<string> models, DateTimeOffset from) => new(Crossed(models, Rows(after)), from);

    /// <summary>A vetting, or the revocation of one: the registered models its easing releases, in its organisation's row.</summary>
    public static Reach Annex(LedgerKnowledge after, ILedgerFact vettingOrRevocation, string organizationId, DateTimeOffset from) =>
        new(Crossed(Access.Annex.EasingOf(after, vettingOrRevocation)?.Models.Where(m => after.Find<ModelRegistered>(m) is not null) ?? [],
            [organizationId]), from);

    /// <summary>A suspension or restoration: its model and classes, in its organisation's row or, for <c>*</c>, in every row.</summary>
    public static Reach ProviderAct(LedgerKnowledge after, IProviderAct act) =>
        new(Crossed([act.ModelId], act.OrganizationId == FactIds.Everyone ? Rows(after) : [act.OrganizationId], act.PersonClasses), act.EffectiveAt);

    /// <summary>Both reaches, from the earlier of their instants: a correction may move a fact in time or between cells.</summary>
    public Reach And(Reach other) =>
        new(Cells.Union(other.Cells).ToList(), From is { } a && other.From is { } b ? (a < b ? a : b) : null);

    private static IEnumerable<string> Rows(LedgerKnowledge known) => known.Organizations.Append(FactIds.Everyone);

    /// <summary>Distinct, in the order given: a model or class named twice is still one cell.</summary>
    private static List<CellKey> Crossed(IEnumerable<string> models, IEnumerable<string> organizations, IEnumerable<PersonClass>? classes = null)
    {
        var rows = organizations.ToList();
        var personClasses = (classes ?? AccessMatrix.Classes).Where(c => c != PersonClass.Unknown).Distinct().ToList();
        return models.Distinct().SelectMany(m => rows.SelectMany(o => personClasses.Select(c => new CellKey(m, o, c)))).ToList();
    }
}
