using Wolverine.Http;

namespace Ledger.Api.Feed.Describing;

public static class GetAsyncApiEndpoint
{
    /// <summary>The AsyncAPI 3.0 document of the feed, the SSE stream, the broker channels and the webhooks.</summary>
    [WolverineGet("/asyncapi.json", OperationId = "getAsyncApi")]
    [Tags("Feed"), EndpointSummary("The AsyncAPI document of the feed's channels and CloudEvent types")]
    public static IResult Get(HttpContext http, IConfiguration configuration) =>
        Results.Json(AsyncApiDocument.Build($"{http.Request.Scheme}://{http.Request.Host}", configuration["Ledger:RabbitMq"] is { Length: > 0 } rabbit ? rabbit : null));
}
