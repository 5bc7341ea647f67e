using System.Collections.Immutable;
using Ledger.Domain.Facts;

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

    /// <summary>The directive each easing narrows.</summary>
    public ImmutableDictionary<string, string> EasingDirective { get; private init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Vettings of each organisation, in position order.</summary>
    public ImmutableDictionary<string, ImmutableList<string>> Vettings { get; private init; } = ImmutableDictionary<string, ImmutableList<string>>.Empty;

    /// <summary>Suspensions and restorations of each model, in position order.</summary>
    public ImmutableDictionary<string, ImmutableList<string>> ProviderActs { get; private init; } = ImmutableDictionary<string, ImmutableList<string>>.Empty;

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
            DirectiveIssued d => next with { Directives = Directives.Add(d.DirectiveId) },
            DirectiveAmended a => next with { DirectiveActs = Append(DirectiveActs, a.DirectiveId, a.AmendmentId) },
            DirectiveRescinded r => next with { DirectiveActs = Append(DirectiveActs, r.DirectiveId, r.RescissionId) },
            EasingGranted e => next with
            {
                DirectiveActs = Append(DirectiveActs, e.DirectiveId, e.EasingId),
                EasingDirective = EasingDirective.Add(e.EasingId, e.DirectiveId),
            },
            OrganizationVetted v => next with { Vettings = Append(Vettings, v.OrganizationId, v.VettingId) },
            IProviderAct act => next with { ProviderActs = Append(ProviderActs, act.ModelId, fact.FactId) },
            CorrectionRecorded c => next.Correct(c, recorded),
            _ => next,
        };
    }

    public KnownFact? Find(string id) => Facts.GetValueOrDefault(id);

    public T? Find<T>(string id) where T : class, ILedgerFact => Facts.GetValueOrDefault(id)?.Current as T;

    public long VersionOf(string streamId) => StreamVersions.GetValueOrDefault(streamId);

    public IEnumerable<KnownFact> ActsOf(string directiveId) =>
        DirectiveActs.GetValueOrDefault(directiveId, []).Select(id => Facts[id]);

    public IEnumerable<KnownFact> VettingsOf(string organizationId) =>
        Vettings.GetValueOrDefault(organizationId, []).Select(id => Facts[id]);

    public IEnumerable<KnownFact> ProviderActsOf(string modelId) =>
        ProviderActs.GetValueOrDefault(modelId, []).Select(id => Facts[id]);

    public IEnumerable<OrganizationRegistered> Addressees =>
        Organizations.Select(id => Facts[id].As<OrganizationRegistered>()).Where(o => o.IsAddressee);

    private LedgerKnowledge Correct(CorrectionRecorded correction, RecordedFact recorded)
    {
        var target = Facts[correction.EventId];
        var corrected = target with
        {
            Current = Correction.Apply(target.Current, correction.Field, correction.Value),
            Corrections = target.Corrections.Add(recorded),
        };
        return this with { Facts = Facts.SetItem(target.Id, corrected) };
    }

    private static ImmutableDictionary<string, ImmutableList<string>> Append(
        ImmutableDictionary<string, ImmutableList<string>> index, string key, string id) =>
        index.SetItem(key, index.GetValueOrDefault(key, []).Add(id));
}
