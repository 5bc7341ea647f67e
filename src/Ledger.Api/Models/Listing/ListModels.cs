using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Http;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Models.Listing;

internal sealed record ModelSummary(string ModelId, string Name);

internal sealed record ModelsView(DateTimeOffset AsOf, DateTimeOffset? KnownAt, long Position, IReadOnlyList<ModelSummary> Models, string? Next);

public static class ListModelsEndpoint
{
    /// <summary>
    /// The models registered as known at <c>knownAt</c> or <c>position</c> (a registration counts at every
    /// <c>asOf</c>, product.md 10.2), by id, a page at a time. A model carries no confidential text.
    /// </summary>
    [WolverineGet("/api/models", OperationId = "listModels"), ProducesResponseType<ModelsView>(200)]
    [Tags("Models"), EndpointSummary("The models registered at a position, a page at a time")]
    [QueryParameter<string>("after", "The last id of the page before; default: from the first")]
    [QueryParameter<int>("limit", "How many per page, 1 to 1000; default 100")]
    public static IResult Get(ReadCoordinates read, HttpContext http)
    {
        var (page, problem) = Page.From(http.Request.Query);
        if (page is null)
            return problem!;
        var known = read.Cut.Knowledge;
        var (models, next) = page.Of(
            known.Models.Select(id => known.Find<ModelRegistered>(id)!).Select(m => new ModelSummary(m.ModelId, m.Name)),
            m => m.ModelId);
        return Results.Json(new ModelsView(read.AsOf, read.Cut.KnownAt, read.Cut.Position, models, next));
    }
}
