using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.Operations;

/// <summary>
/// Documents what every ledger endpoint can answer, which its <c>IResult</c> signature cannot say: the write
/// receipt on 201 and an RFC 9457 problem for each refusal.
/// </summary>
internal sealed class LedgerResponses : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Refusals = new()
    {
        ["400"] = "Malformed: shape, types, times or ids (problem `type` names the rule, `field` the member)",
        ["404"] = "A record named in the path does not exist",
        ["409"] = "The id is already recorded",
        ["412"] = "If-Match names a stream version that has moved on",
        ["413"] = "The body is over 1 MiB",
        ["415"] = "The body is not application/json",
        ["422"] = "A ledger rule refuses the fact, or the Idempotency-Key was used for another request",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var path = context.Description.RelativePath ?? "";
        if (!path.StartsWith("api/", StringComparison.Ordinal))
            return;
        operation.Responses ??= new OpenApiResponses();
        var problem = ApiDocumentation.Problem(context.Document);
        if (context.Description.HttpMethod == "POST" && !path.EndsWith("check", StringComparison.Ordinal))
        {
            operation.Responses.Remove("200");
            operation.Responses["201"] = new OpenApiResponse
            {
                Description = "Recorded: the ledger's position, stream version and recorded time",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(WriteReceipt), null, ct) } },
            };
            foreach (var (status, description) in Refusals)
                operation.Responses[status] = Problem(description, problem);
        }
        else
        {
            operation.Responses["400"] = Problem("A malformed query (asOf, knownAt, position)", problem);
            operation.Responses["404"] = Problem("Not found", problem);
        }
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
