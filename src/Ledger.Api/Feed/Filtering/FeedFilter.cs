using Ledger.Api.Http;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Api.Feed.Filtering;

/// <summary>
/// The cells a consumer follows: models and organisations (<c>*</c> for everyone not registered), each a list given
/// by repeating its query parameter; an empty list means all of them. A consumer names what it knows of, so an
/// unknown model or organisation is refused rather than silently matching nothing.
/// </summary>
public sealed record FeedFilter(IReadOnlyList<string> ModelIds, IReadOnlyList<string> OrganizationIds)
{
    public const int MaxEntries = 100;
    public const string ModelParameter = "modelId";
    public const string OrganizationParameter = "organizationId";
    public const string ModelDescription = "Only these models' cells; repeat the parameter for each (at most 100)";
    public const string OrganizationDescription = "Only these organisations' cells (* for everyone not registered); repeat the parameter for each (at most 100)";

    public static readonly FeedFilter Everything = new([], []);

    public bool IsEverything => ModelIds.Count == 0 && OrganizationIds.Count == 0;

    public bool Holds(string modelId, string organizationId) =>
        (ModelIds.Count == 0 || ModelIds.Contains(modelId)) && (OrganizationIds.Count == 0 || OrganizationIds.Contains(organizationId));

    /// <summary>The filter a request names, judged on what the ledger knows now, or the problem with it.</summary>
    public static (FeedFilter Filter, IResult? Problem) From(IQueryCollection query, LedgerKnowledge now) =>
        Of(query[ModelParameter].OfType<string>().ToList(), query[OrganizationParameter].OfType<string>().ToList(), now);

    /// <summary>The filter of two lists, or the problem with it named after <paramref name="modelField"/> or <paramref name="organizationField"/> (a body's names differ from the query's).</summary>
    public static (FeedFilter Filter, IResult? Problem) Of(
        IReadOnlyList<string> models, IReadOnlyList<string> organizations, LedgerKnowledge now,
        string modelField = ModelParameter, string organizationField = OrganizationParameter)
    {
        if (models.Count > MaxEntries)
            return (Everything, Problems.Result(400, "filter-too-long", modelField, $"a filter names at most {MaxEntries} models"));
        if (organizations.Count > MaxEntries)
            return (Everything, Problems.Result(400, "filter-too-long", organizationField, $"a filter names at most {MaxEntries} organisations"));
        if (models.FirstOrDefault(m => now.Find<ModelRegistered>(m) is null) is { } model)
            return (Everything, Problems.Result(404, "model-not-found", modelField, $"no model {model} is registered"));
        if (organizations.FirstOrDefault(o => o != FactIds.Everyone && now.Find<OrganizationRegistered>(o) is null) is { } organization)
            return (Everything, Problems.Result(404, "organization-not-found", organizationField, $"no organisation {organization} is registered"));
        return (new FeedFilter(models.Distinct().ToList(), organizations.Distinct().ToList()), null);
    }
}
