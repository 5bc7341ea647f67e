using System.Collections.Immutable;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Knowledge;

/// <summary>
/// Everything the ledger knew at one position: every fact recorded up to it, with the corrections recorded up to
/// it applied, indexed for the access semantics. Immutable: <see cref="Evolve"/> returns a new value, so a
/// reader holding one keeps a consistent view while the ledger moves on.
/// Indexes are keyed only by ids that place a fact in its stream, which corrections cannot change.
/// </summary>
public sealed record LedgerKnowledge
{
    public static readonly LedgerKnowledge Empty = new();

    public long Position { get; private init; }
    public DateTimeOffset? RecordedAt { get; private init; }
    public ImmutableDictionary<string, KnownFact> Facts { get; private init; } = ImmutableDictionary<string, KnownFact>.Empty;
    public ImmutableDictionary<string, long> StreamVersions { get; private init; } = ImmutableDictionary<string, long>.Empty;
    public ImmutableList<string> Models { get; private init; } = [];
    public ImmutableList<string> Organizations { get; private init; } = [];
    public ImmutableList<string> Directives { get; private init; } = [];

    /// <summary>Amendments, easings and rescissions of each directive, in position order.</summary>
    public ImmutableDictionary<string, ImmutableList<string>> DirectiveActs { get; private init; } = ImmutableDictionary<string, ImmutableList<string>>.Empty;

    /// <summary>
    /// The directives that name each model in some scope version (a superset of those restricting it at any
    /// instant), so evaluating a cell never walks directives about other models.
    /// </summary>
    public ImmutableDictionary<string, ImmutableList<string>> DirectivesNaming { get; private init; } = ImmutableDictionary<string, ImmutableList<string>>.Empty;

    /// <summary>The directive each easing narrows.</summary>
    public ImmutableDictionary<string, string> EasingDirective { get; private init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Vettings of each organisation, in position order.</summary>
    public ImmutableDictionary<string, ImmutableList<string>> Vettings { get; private init; } = ImmutableDictionary<string, ImmutableList<string>>.Empty;

    /// <summary>
    /// Suspensions and restorations of each model and organisation (<c>*</c> included), in position order.
    /// Keyed by both because a cell only ever hears its own organisation's acts and the <c>*</c> acts.
    /// An act's organisation can be corrected, so a correction re-files the act (see <see cref="Correct"/>).
    /// </summary>
    public ImmutableDictionary<(string Model, string Organization), ImmutableList<string>> ProviderActs { get; private init; } =
        ImmutableDictionary<(string Model, string Organization), ImmutableList<string>>.Empty;

    public static LedgerKnowledge Fold(IEnumerable<RecordedFact> facts) => facts.Aggregate(Empty, (known, fact) => known.Evolve(fact));

    public LedgerKnowledge Evolve(RecordedFact recorded)
    {
        var fact = recorded.Fact;
        var next = this with
        {
            Position = recorded.Position,
            RecordedAt = recorded.RecordedAt,
            Facts = Facts.Add(fact.FactId, new KnownFact(recorded, fact, [])),
            StreamVersions = StreamVersions.SetItem(fact.StreamId, recorded.StreamVersion),
        };
        return fact switch
        {
            ModelRegistered m => next with { Models = Models.Add(m.ModelId) },
            OrganizationRegistered o => next with { Organizations = Organizations.Add(o.OrganizationId) },
            DirectiveIssued d => next with { Directives = Directives.Add(d.DirectiveId), DirectivesNaming = Name(DirectivesNaming, d.DirectiveId, d.Scope) },
            DirectiveAmended a => next with
            {
                DirectiveActs = Append(DirectiveActs, a.DirectiveId, a.AmendmentId),
                DirectivesNaming = Name(DirectivesNaming, a.DirectiveId, a.Scope),
            },
            DirectiveRescinded r => next with { DirectiveActs = Append(DirectiveActs, r.DirectiveId, r.RescissionId) },
            EasingGranted e => next with
            {
                DirectiveActs = Append(DirectiveActs, e.DirectiveId, e.EasingId),
                EasingDirective = EasingDirective.Add(e.EasingId, e.DirectiveId),
            },
            OrganizationVetted v => next with { Vettings = Append(Vettings, v.OrganizationId, v.VettingId) },
            IProviderAct act => next with { ProviderActs = Append(ProviderActs, (act.ModelId, act.OrganizationId), fact.FactId) },
            CorrectionRecorded c => next.Correct(c, recorded),
            _ => next,
        };
    }

    /// <summary>
    /// The same knowledge without one fact, as if it had never been recorded: a corrected fact is judged against
    /// everything else, not against its own earlier version.
    /// </summary>
    public LedgerKnowledge Without(string factId)
    {
        if (Find(factId) is not { } known)
            return this;
        var without = this with { Facts = Facts.Remove(factId) };
        return known.Current switch
        {
            ModelRegistered => without with { Models = Models.Remove(factId) },
            OrganizationRegistered => without with { Organizations = Organizations.Remove(factId) },
            DirectiveIssued => without with { Directives = Directives.Remove(factId) },
            DirectiveAmended a => without with { DirectiveActs = Remove(DirectiveActs, a.DirectiveId, factId) },
            DirectiveRescinded r => without with { DirectiveActs = Remove(DirectiveActs, r.DirectiveId, factId) },
            EasingGranted e => without with
            {
                DirectiveActs = Remove(DirectiveActs, e.DirectiveId, factId),
                EasingDirective = EasingDirective.Remove(factId),
            },
            OrganizationVetted v => without with { Vettings = Remove(Vettings, v.OrganizationId, factId) },
            IProviderAct act => without with { ProviderActs = Remove(ProviderActs, (act.ModelId, act.OrganizationId), factId) },
            _ => without,
        };
    }

    public KnownFact? Find(string id) => Facts.GetValueOrDefault(id);

    public T? Find<T>(string id) where T : class, ILedgerFact => Facts.GetValueOrDefault(id)?.Current as T;

    public long VersionOf(string streamId) => StreamVersions.GetValueOrDefault(streamId);

    public IEnumerable<string> DirectivesNamingModel(string modelId) => DirectivesNaming.GetValueOrDefault(modelId, []);

    public IEnumerable<KnownFact> ActsOf(string directiveId) =>
        DirectiveActs.GetValueOrDefault(directiveId, []).Select(id => Facts[id]);

    public IEnumerable<KnownFact> VettingsOf(string organizationId) =>
        Vettings.GetValueOrDefault(organizationId, []).Select(id => Facts[id]);

    /// <summary>The acts a cell hears: its own organisation's and, for a registered one, the <c>*</c> acts too.</summary>
    public IEnumerable<KnownFact> ProviderActsOf(string modelId, string organizationId)
    {
        var own = ProviderActs.GetValueOrDefault((modelId, organizationId), []);
        var everyone = organizationId == FactIds.Everyone ? [] : ProviderActs.GetValueOrDefault((modelId, FactIds.Everyone), []);
        return own.Concat(everyone).Select(id => Facts[id]);
    }

    public IEnumerable<OrganizationRegistered> Addressees =>
        Organizations.Select(id => Facts[id].As<OrganizationRegistered>()).Where(o => o.IsAddressee);

    private LedgerKnowledge Correct(CorrectionRecorded correction, RecordedFact recorded)
    {
        var target = Facts[correction.EventId];
        var corrected = target with
        {
            Current = Admission.StoredForm.Of(Correction.Apply(target.Current, correction.Field, correction.Value)),
            Corrections = target.Corrections.Add(recorded),
        };
        var next = this with { Facts = Facts.SetItem(target.Id, corrected) };
        if (corrected.Current is DirectiveIssued { Scope: var issuedScope } issued)
            next = next with { DirectivesNaming = Name(next.DirectivesNaming, issued.DirectiveId, issuedScope) };
        if (corrected.Current is DirectiveAmended { Scope: var amendedScope } amended)
            next = next with { DirectivesNaming = Name(next.DirectivesNaming, amended.DirectiveId, amendedScope) };
        return target.Current is IProviderAct before && corrected.Current is IProviderAct after && before.OrganizationId != after.OrganizationId
            ? next with
            {
                ProviderActs = Append(
                    next.ProviderActs.SetItem((before.ModelId, before.OrganizationId),
                        next.ProviderActs[(before.ModelId, before.OrganizationId)].Remove(target.Id)),
                    (after.ModelId, after.OrganizationId), target.Id),
            }
            : next;
    }

    private static ImmutableDictionary<string, ImmutableList<string>> Name(
        ImmutableDictionary<string, ImmutableList<string>> index, string directiveId, DirectiveScope scope) =>
        scope.Models.Aggregate(index, (named, model) =>
            named.GetValueOrDefault(model, []).Contains(directiveId) ? named : Append(named, model, directiveId));

    private static ImmutableDictionary<TKey, ImmutableList<string>> Remove<TKey>(
        ImmutableDictionary<TKey, ImmutableList<string>> index, TKey key, string id) where TKey : notnull =>
        index.TryGetValue(key, out var ids) ? index.SetItem(key, ids.Remove(id)) : index;

    private static ImmutableDictionary<TKey, ImmutableList<string>> Append<TKey>(
        ImmutableDictionary<TKey, ImmutableList<string>> index, TKey key, string id) where TKey : notnull =>
        index.SetItem(key, index.GetValueOrDefault(key, []).Add(id));
}
