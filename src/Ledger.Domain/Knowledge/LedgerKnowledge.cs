using System.Collections.Immutable;
using System.Diagnostics;
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
    /// Suspensions and restorations of each model and organisation (<c>*</c> included), by effective time.
    /// Keyed by both because a cell only ever hears its own organisation's acts and the <c>*</c> acts.
    /// </summary>
    public ImmutableDictionary<(string Model, string Organization), ImmutableSortedSet<Filed>> ProviderActs { get; private init; } =
        ImmutableDictionary<(string Model, string Organization), ImmutableSortedSet<Filed>>.Empty;

    /// <summary>Amendments, easings and rescissions of each directive, by effective time.</summary>
    public ImmutableDictionary<string, ImmutableSortedSet<Filed>> DirectiveActsInEffect { get; private init; } =
        ImmutableDictionary<string, ImmutableSortedSet<Filed>>.Empty;

    /// <summary>Vettings of each organisation under each easing, by effective time: the decisions about its annex.</summary>
    public ImmutableDictionary<(string Organization, string Easing), ImmutableSortedSet<Filed>> AnnexDecisions { get; private init; } =
        ImmutableDictionary<(string Organization, string Easing), ImmutableSortedSet<Filed>>.Empty;

    /// <summary>The instants at which each organisation's vettings take effect, expire and are revoked.</summary>
    public ImmutableDictionary<string, ImmutableSortedSet<Filed>> VettingInstants { get; private init; } =
        ImmutableDictionary<string, ImmutableSortedSet<Filed>>.Empty;

    public static LedgerKnowledge Fold(IEnumerable<RecordedFact> facts) => facts.Aggregate(Empty, (known, fact) => known.Evolve(fact));

    public LedgerKnowledge Evolve(RecordedFact recorded)
    {
        var fact = recorded.Fact.Kind.AsKnown(recorded.Fact, this);
        var known = new KnownFact(recorded, fact, []);
        var next = (this with
        {
            Position = recorded.Position,
            RecordedAt = recorded.RecordedAt,
            Facts = Facts.Add(fact.FactId, known),
            StreamVersions = StreamVersions.SetItem(fact.StreamId, recorded.StreamVersion),
        }).File(known);
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
            CorrectionRecorded c => next.Correct(c, recorded),
            VettingRevoked or IProviderAct => next,
            _ => throw Unknown(fact),
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
        var without = Unfile(known) with { Facts = Facts.Remove(factId) };
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
            VettingRevoked or IProviderAct or CorrectionRecorded => without,
            _ => throw Unknown(known.Current),
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
    public IEnumerable<KnownFact> ProviderActsOf(string modelId, string organizationId) =>
        ProviderActsHeard(modelId, organizationId).SelectMany(acts => acts).Select(filed => filed.Fact);

    /// <summary><see cref="ProviderActsOf"/> as the two indexes they are filed in, each by effective time.</summary>
    public IEnumerable<ImmutableSortedSet<Filed>> ProviderActsHeard(string modelId, string organizationId)
    {
        yield return ProviderActs.GetValueOrDefault((modelId, organizationId), Filed.None);
        if (organizationId != FactIds.Everyone)
            yield return ProviderActs.GetValueOrDefault((modelId, FactIds.Everyone), Filed.None);
    }

    public ImmutableSortedSet<Filed> ActsInEffectOf(string directiveId) => DirectiveActsInEffect.GetValueOrDefault(directiveId, Filed.None);

    public ImmutableSortedSet<Filed> AnnexDecisionsOf(string organizationId, string easingId) =>
        AnnexDecisions.GetValueOrDefault((organizationId, easingId), Filed.None);

    public ImmutableSortedSet<Filed> VettingInstantsOf(string organizationId) => VettingInstants.GetValueOrDefault(organizationId, Filed.None);

    public IEnumerable<OrganizationRegistered> Addressees =>
        Organizations.Select(id => Facts[id].As<OrganizationRegistered>()).Where(o => o.IsAddressee);

    private LedgerKnowledge Correct(CorrectionRecorded correction, RecordedFact recorded)
    {
        var target = Facts[correction.EventId];
        var corrected = target with
        {
            Current = Stored(Correction.Apply(target.Current, correction.Field, correction.Value)),
            Corrections = target.Corrections.Add(recorded),
        };
        // A correction can move a fact in time or, for a provider act or a vetting, to another organisation or easing.
        var next = (Unfile(target) with { Facts = Facts.SetItem(target.Id, corrected) }).File(corrected);
        if (corrected.Current is DirectiveIssued { Scope: var issuedScope } issued)
            next = next with { DirectivesNaming = Name(next.DirectivesNaming, issued.DirectiveId, issuedScope) };
        if (corrected.Current is DirectiveAmended { Scope: var amendedScope } amended)
            next = next with { DirectivesNaming = Name(next.DirectivesNaming, amended.DirectiveId, amendedScope) };
        return next;
    }

    private ILedgerFact Stored(ILedgerFact fact) => fact.Kind.Stored(fact, this);

    /// <summary>The indexes are the knowledge's own business, so each kind is listed here; an unlisted one fails loudly.</summary>
    private static UnreachableException Unknown(ILedgerFact fact) => new($"{fact.GetType().Name} is not filed in the ledger's knowledge");

    /// <summary>Files a fact in the indexes kept by effective time, as its current version has it.</summary>
    private LedgerKnowledge File(KnownFact fact) => Refile(fact, (filings, filed) => filings.Add(filed));

    /// <summary>Takes a fact out of the indexes kept by effective time, where <see cref="File"/> put its current version.</summary>
    private LedgerKnowledge Unfile(KnownFact fact) => Refile(fact, (filings, filed) => filings.Remove(filed));

    /// <summary>Applies <paramref name="change"/> to each index entry the fact's current version has, at its instants.</summary>
    private LedgerKnowledge Refile(KnownFact fact, Func<ImmutableSortedSet<Filed>, Filed, ImmutableSortedSet<Filed>> change)
    {
        ImmutableDictionary<TKey, ImmutableSortedSet<Filed>> At<TKey>(ImmutableDictionary<TKey, ImmutableSortedSet<Filed>> index, TKey key, DateTimeOffset at)
            where TKey : notnull
        {
            var filings = index.GetValueOrDefault(key, Filed.None);
            var changed = change(filings, new Filed(at, fact));
            return ReferenceEquals(changed, filings) ? index : index.SetItem(key, changed);
        }

        return fact.Current switch
        {
            IProviderAct act => this with { ProviderActs = At(ProviderActs, (act.ModelId, act.OrganizationId), act.EffectiveAt) },
            DirectiveAmended a => this with { DirectiveActsInEffect = At(DirectiveActsInEffect, a.DirectiveId, a.EffectiveAt) },
            DirectiveRescinded r => this with { DirectiveActsInEffect = At(DirectiveActsInEffect, r.DirectiveId, r.EffectiveAt) },
            EasingGranted e => this with { DirectiveActsInEffect = At(DirectiveActsInEffect, e.DirectiveId, e.EffectiveAt) },
            OrganizationVetted v => this with
            {
                AnnexDecisions = At(AnnexDecisions, (v.OrganizationId, v.EasingId), v.EffectiveAt),
                VettingInstants = v.ExpiresAt is { } expiry
                    ? At(At(VettingInstants, v.OrganizationId, v.EffectiveAt), v.OrganizationId, expiry)
                    : At(VettingInstants, v.OrganizationId, v.EffectiveAt),
            },
            VettingRevoked r => this with { VettingInstants = At(VettingInstants, r.OrganizationId, r.EffectiveAt) },
            ModelRegistered or OrganizationRegistered or DirectiveIssued or CorrectionRecorded => this,
            _ => throw Unknown(fact.Current),
        };
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
