using System.Reflection;
using Ledger.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace Ledger.Api.Operations;

/// <summary>
/// What the OpenAPI document says that signatures cannot: the query parameters each endpoint reads (the point-in-time
/// parameters of every read, and those an endpoint declares with <see cref="QueryParameterAttribute{T}"/>), with their
/// types, formats and meanings, and the document's own title and feature tags. Summaries, tags and operation ids are
/// on the endpoints themselves.
/// </summary>
internal sealed class ApiDocumentation : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The features, in the order a reader meets them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Access"] = "The access matrix, its changes and the check, at any instant and as known at any position; the provider's suspensions and restorations",
        ["Directives"] = "Directives as issued, amended, eased and rescinded, and the register",
        ["Organizations"] = "Organisations, and their vettings under an easing",
        ["Models"] = "The models the matrix is about",
        ["Corrections"] = "Corrections of recorded facts: new facts, the originals stay",
        ["History"] = "Audit trails of one organisation or one model",
        ["Reports"] = "Point-in-time answers to file: signed evidence packs, CSV and PDF",
        ["Feed"] = "Every ledger event and access change, in order, as CloudEvents: pull, Server-Sent Events, AsyncAPI",
        ["Subscriptions"] = "Webhook subscriptions to the feed and their delivery logs",
        ["Integrity"] = "The Merkle log: signed checkpoints, proofs, verification and the export bundle",
    };

    /// <summary>The one schema every problem response refers to.</summary>
    public static IOpenApiSchema Problem(OpenApiDocument? document) => new OpenApiSchemaReference(nameof(LedgerProblem), document);

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[nameof(LedgerProblem)] = await context.GetOrCreateSchemaAsync(typeof(LedgerProblem), null, ct);
        document.Info = new OpenApiInfo
        {
            Title = "Directive Ledger",
            Version = "v1",
            Description = "An event-sourced, audit-grade record of export-control directives on access to frontier AI models. "
                          + "Every read answers at an instant (`asOf`) as known at a position (`position` or `knownAt`); every refusal is an "
                          + "RFC 9457 problem naming its rule and field.",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor is not WolverineActionDescriptor { Chain: var chain })
            return Task.CompletedTask;
        var method = chain.Method.Method;
        var declared = method.GetParameters().Any(p => p.ParameterType == typeof(ReadCoordinates)) ? ReadQuery.Parameters : [];
        foreach (var parameter in declared.Concat(method.GetCustomAttributes().OfType<IQueryParameter>()))
        {
            operation.Parameters ??= [];
            var schema = Schema(parameter.Type);
            var existing = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.In == ParameterLocation.Query && p.Name == parameter.Name);
            if (existing is null)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name, In = ParameterLocation.Query, Description = parameter.Description, Required = parameter.Required, Schema = schema,
                });
                continue;
            }

            existing.Description = parameter.Description;
            existing.Required = parameter.Required;
            existing.Schema = schema;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A query parameter's schema by its type. Spelled out, not generated: the service's own JSON converters (an instant
    /// must carry its offset) leave the generator unable to say that an instant is a date-time string.
    /// </summary>
    private static OpenApiSchema Schema(Type type) => type switch
    {
        _ when type == typeof(long) => new() { Type = JsonSchemaType.Integer, Format = "int64" },
        _ when type == typeof(int) => new() { Type = JsonSchemaType.Integer, Format = "int32" },
        _ when type == typeof(DateTimeOffset) => new() { Type = JsonSchemaType.String, Format = "date-time" },
        _ when type == typeof(string) => new() { Type = JsonSchemaType.String },
        _ when type == typeof(string[]) => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        _ => throw new InvalidOperationException($"no query parameter schema for {type.Name}"),
    };
}
