using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Changes;

/// <summary>
/// Which matrix cells one recorded fact changed. A cell's state (legal, provider and so access) is a function of
/// the effective instant; a fact changes a cell when that function, as known after the fact, differs anywhere from
/// the function as known before it. Comparing timelines rather than one instant catches what a single comparison
/// misses: a fact effective in the future (a gateway must switch then), a vetting that expires, a backdated act that
/// a later act already overrode, and a correction that moves an effective time.
/// Both timelines only change at the change points of <see cref="Stretch.ChangePoints"/>, so comparing them at
/// the union of those points (and at the epoch, before any of them; nothing is effective before 1970) is exact.
/// Pure: the same two states of knowledge always give the same changes, in model, organisation, class order.
/// </summary>
public static class AccessChanges
{
    /// <summary>The start of every timeline: product.md 10.13 allows no effective time before 1970.</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    public static IReadOnlyList<AccessChange> Between(LedgerKnowledge before, LedgerKnowledge after, ILedgerFact fact)
    {
        var (models, organizations) = Touched(before, after, fact);
        var changes = new List<AccessChange>();
        foreach (var modelId in models.Within(after.Models))
        foreach (var organizationId in Rows(after, organizations))
        foreach (var personClass in AccessMatrix.Classes)
        {
            if (Change(before, after, modelId, organizationId, personClass) is { } change)
                changes.Add(change);
        }

        return changes;
    }

    /// <summary>
    /// The cells of <paramref name="change"/> whose state, as known after the fact, differs anywhere from the state
    /// as known before it, in the matrix's order (models and organisations by registration, then <c>*</c>; us-person
    /// before foreign-person). Derived from the tails the read model stores, so the two cannot disagree on what
    /// changed: only the timeline as known before is drawn here, from the same instant.
    /// </summary>
    public static IReadOnlyList<AccessChange> Of(LedgerKnowledge before, LedgerKnowledge after, FactChange change)
    {
        var changes = new List<AccessChange>();
        foreach (var tail in change.Tails.Where(t => InMatrix(after, t.Cell)).OrderBy(t => MatrixOrder(after, t.Cell)))
            if (Compared(before, tail, change.From) is { } compared)
                changes.Add(compared);
        return changes;
    }

    private static bool InMatrix(LedgerKnowledge known, CellKey cell) =>
        known.Find<ModelRegistered>(cell.ModelId) is not null
        && (cell.OrganizationId == FactIds.Everyone || known.Find<OrganizationRegistered>(cell.OrganizationId) is not null)
        && AccessMatrix.Classes.Contains(cell.PersonClass);

    private static (long Model, long Organization, PersonClass Class) MatrixOrder(LedgerKnowledge known, CellKey cell) => (
        known.Facts[cell.ModelId].Position,
        cell.OrganizationId == FactIds.Everyone ? long.MaxValue : known.Facts[cell.OrganizationId].Position,
        cell.PersonClass);

    /// <summary>
    /// A cell of a model not registered before has no earlier state; a newly registered organisation's cell is
    /// compared with the <c>*</c> row it was answered from. Both timelines are drawn from the same instant, and
    /// nothing changes before it, so the first instant at which they differ is a start of a segment of one of them
    /// (or the epoch, before which nothing is effective).
    /// </summary>
    private static AccessChange? Compared(LedgerKnowledge before, CellTail tail, DateTimeOffset? from)
    {
        var cell = tail.Cell;
        var answeredAs = cell.OrganizationId == FactIds.Everyone || before.Find<OrganizationRegistered>(cell.OrganizationId) is not null
            ? cell
            : cell with { OrganizationId = FactIds.Everyone };
        var was = before.Find<ModelRegistered>(cell.ModelId) is null ? null : CellTimeline.Of(before, answeredAs, from);
        var instants = tail.Segments.Concat(was ?? []).Select(s => s.ValidFrom).OfType<DateTimeOffset>()
            .Where(at => at >= Epoch).Append(Epoch).Distinct().Order();
        foreach (var at in instants)
        {
            if (Holding(tail.Segments, at) is not { } now)
                continue;
            var then = was is null ? null : Holding(was, at);
            if (was is not null && (then is null || then.SameState(now)))
                continue;
            return new AccessChange(cell.ModelId, cell.OrganizationId, cell.PersonClass, at,
                then is null ? null : Cell(cell, then), Cell(cell, now), Schedule(tail.Segments, at));
        }

        return null;
    }

    private static CellSegment? Holding(IReadOnlyList<CellSegment> segments, DateTimeOffset at) => segments.FirstOrDefault(s => s.Contains(at));

    private static AccessCell Cell(CellKey cell, CellSegment segment) => new(
        cell.ModelId, cell.OrganizationId, cell.PersonClass, segment.Legal, segment.Provider, segment.Access, segment.Since, segment.Basis,
        string.Join("; ", segment.Reasons));

    /// <summary>The states of a tail from an instant on, one entry per change of legal or provider state.</summary>
    private static List<ScheduledState> Schedule(IReadOnlyList<CellSegment> segments, DateTimeOffset from)
    {
        var schedule = new List<ScheduledState>();
        foreach (var segment in segments.Where(s => s.ValidTo is not { } to || to > from))
        {
            if (schedule.Count > 0 && schedule[^1].Legal == segment.Legal && schedule[^1].Provider == segment.Provider)
                continue;
            var start = segment.ValidFrom is { } at && at > from ? at : from;
            schedule.Add(new ScheduledState(start, segment.Legal, segment.Provider, segment.Access));
        }

        return schedule;
    }

    /// <summary>
    /// The matrix rows in scope, in the matrix's order (registration, then <c>*</c>). Named organisations are looked
    /// up rather than found by walking every row: a vetting in an annex of thousands names one organisation.
    /// </summary>
    private static IEnumerable<string> Rows(LedgerKnowledge known, Scope organizations) => organizations.All
        ? known.Organizations.Append(FactIds.Everyone)
        : organizations.Ids
            .Where(id => id == FactIds.Everyone || known.Find<OrganizationRegistered>(id) is not null)
            .OrderBy(id => id == FactIds.Everyone ? long.MaxValue : known.Facts[id].Position);

    private static AccessChange? Change(LedgerKnowledge before, LedgerKnowledge after, string modelId, string organizationId, PersonClass personClass)
    {
        var existed = before.Find<ModelRegistered>(modelId) is not null;
        var answeredAs = organizationId == FactIds.Everyone || before.Find<OrganizationRegistered>(organizationId) is not null ? organizationId : FactIds.Everyone;
        var points = Stretch.ChangePoints(after, modelId, organizationId)
            .Concat(existed ? Stretch.ChangePoints(before, modelId, answeredAs) : [])
            .Append(Epoch)
            .Where(p => p >= Epoch)
            .Distinct()
            .Order()
            .ToList();

        var first = points.FindIndex(p => !existed || State(before, modelId, answeredAs, personClass, p) != State(after, modelId, organizationId, personClass, p));
        if (first < 0)
            return null;

        var from = points[first];
        var schedule = new List<ScheduledState>();
        foreach (var point in points.Skip(first))
        {
            var (legal, provider) = State(after, modelId, organizationId, personClass, point);
            if (schedule.Count == 0 || schedule[^1].Legal != legal || schedule[^1].Provider != provider)
                schedule.Add(new ScheduledState(point, legal, provider, AccessOf(legal, provider)));
        }

        var beforeCell = existed ? AccessMatrix.Cell(before, modelId, answeredAs, personClass, from) with { OrganizationId = organizationId } : null;
        return new AccessChange(modelId, organizationId, personClass, from, beforeCell, AccessMatrix.Cell(after, modelId, organizationId, personClass, from), schedule);
    }

    private static (LegalState, ProviderState) State(LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at) =>
        (AccessSemantics.Legal(known, modelId, organizationId, personClass, at), AccessSemantics.Provider(known, modelId, organizationId, personClass, at));

    private static Vocabulary.Access AccessOf(LegalState legal, ProviderState provider) =>
        legal != LegalState.Restricted && provider == ProviderState.Enabled ? Vocabulary.Access.Allowed : Vocabulary.Access.Denied;

    /// <summary>A set of ids, or every id.</summary>
    private sealed record Scope(bool All, IReadOnlySet<string> Ids)
    {
        public static readonly Scope Nothing = new(false, new HashSet<string>());
        public static readonly Scope Everything = new(true, new HashSet<string>());

        public static Scope Of(params IEnumerable<string> ids) => new(false, ids.ToHashSet());

        public IEnumerable<string> Within(IEnumerable<string> known) => All ? known : known.Where(Ids.Contains);

        public Scope Union(Scope other) => All || other.All ? Everything : new Scope(false, Ids.Union(other.Ids).ToHashSet());
    }

    /// <summary>
    /// The cells a fact can possibly change, judged generously (a superset is only slower, never wrong): a
    /// directive act every model any version of the directive names, for everyone; a vetting or its revocation the
    /// models its easing releases, for its organisation; a provider act its model for its organisation, or for
    /// everyone when it is <c>*</c>; a correction whatever the corrected fact touched before or after it.
    /// </summary>
    private static (Scope Models, Scope Organizations) Touched(LedgerKnowledge before, LedgerKnowledge after, ILedgerFact fact)
    {
        switch (fact)
        {
            case ModelRegistered m:
                return (Scope.Of(m.ModelId), Scope.Everything);
            case OrganizationRegistered o:
                return (Scope.Everything, Scope.Of(o.OrganizationId));
            case DirectiveIssued or DirectiveAmended or EasingGranted or DirectiveRescinded:
                return (Scope.Of(DirectiveModels(before, fact).Concat(DirectiveModels(after, fact))), Scope.Everything);
            case OrganizationVetted v:
                return (Scope.Of(AffectedCells.Released(after, v)), Scope.Of(v.OrganizationId));
            case VettingRevoked r:
                return (Scope.Of(AffectedCells.Released(after, r)), Scope.Of(r.OrganizationId));
            case IProviderAct act:
                return (Scope.Of(act.ModelId), act.OrganizationId == FactIds.Everyone ? Scope.Everything : Scope.Of(act.OrganizationId));
            case CorrectionRecorded c:
                var (models, organizations) = (Scope.Nothing, Scope.Nothing);
                foreach (var version in new[] { before.Find(c.EventId)?.Current, after.Find(c.EventId)?.Current }.OfType<ILedgerFact>())
                {
                    var (m, o) = Touched(before, after, version);
                    (models, organizations) = (models.Union(m), organizations.Union(o));
                }

                return (models, organizations);
            default:
                return (Scope.Nothing, Scope.Nothing);
        }
    }

    private static IEnumerable<string> DirectiveModels(LedgerKnowledge known, ILedgerFact fact)
    {
        var directiveId = fact switch
        {
            DirectiveIssued d => d.DirectiveId,
            DirectiveAmended a => a.DirectiveId,
            EasingGranted e => e.DirectiveId,
            DirectiveRescinded r => r.DirectiveId,
            _ => null,
        };
        var own = fact switch
        {
            DirectiveIssued d => d.Scope.Models,
            DirectiveAmended a => a.Scope.Models,
            EasingGranted e => e.Models,
            DirectiveRescinded { Models: { } models } => models,
            _ => [],
        };
        if (directiveId is null || known.Find<DirectiveIssued>(directiveId) is not { } issued)
            return own;
        var acts = known.ActsOf(directiveId).Select(f => f.Current).SelectMany(act => act switch
        {
            DirectiveAmended a => a.Scope.Models,
            EasingGranted e => e.Models,
            DirectiveRescinded { Models: { } models } => models,
            _ => [],
        });
        return own.Concat(issued.Scope.Models).Concat(acts);
    }
}
