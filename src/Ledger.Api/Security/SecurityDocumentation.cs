using Ledger.Api.Operations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.Security;

/// <summary>
/// The OpenAPI document says what the role matrix enforces: a bearer scheme required by the whole document (a public
/// operation says it needs none), the roles of each operation, and the 401, 403 and 429 problems every protected
/// operation can answer.
/// </summary>
internal sealed class SecurityDocumentation : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from the configured identity provider (or the local key: `Ledger.Api.dll token --role ...`); roles in its `roles` claim.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var entry = RoleMatrix.Find(context.Description.HttpMethod ?? "GET", "/" + (context.Description.RelativePath ?? "").Split('?')[0]);
        if (entry is { Public: true })
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        operation.Description = $"{operation.Description}\n\nRoles: {(entry is null ? "none (not in the role matrix)" : string.Join(", ", entry.Roles))}."
                                + (entry?.Condition is { } condition ? $" {char.ToUpperInvariant(condition[0])}{condition[1..]}." : "");
        operation.Responses ??= new OpenApiResponses();
        var problem = ApiDocumentation.Problem(context.Document);
        operation.Responses["401"] = Problem("No valid bearer token (problem type authentication-required)", problem);
        operation.Responses["403"] = Problem("The token's roles do not allow this operation (problem type role-not-allowed)", problem);
        operation.Responses["429"] = Problem("Too many requests from this client; see Retry-After (problem type rate-limited)", problem);
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
