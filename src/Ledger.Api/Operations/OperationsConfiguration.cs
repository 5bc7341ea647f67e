using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Ledger.Api.Operations;

/// <summary>Health, the OpenAPI document and its readable docs, problem details for every error, and telemetry.</summary>
internal static class OperationsConfiguration
{
    /// <summary>Where Scalar serves the readable API docs.</summary>
    public const string Documentation = "/docs";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblems.Name);
        services.AddOpenApi(options =>
        {
            // 3.0, not 3.1: client generators (NSwag among them) read 3.0 fully.
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer<ApiDocumentation>();
            options.AddOperationTransformer<ApiDocumentation>();
            options.AddOperationTransformer<LedgerResponses>();
        });
        services.AddHealthChecks().AddNpgSql(provider => provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), name: "postgresql", tags: ["ready"]);
        services.AddLedgerTelemetry(configuration);
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOpenApi();
        // Readable API docs; the reference's script is served from the package, and no font or telemetry leaves the machine.
        app.MapScalarApiReference(Documentation, options =>
        {
            options.Title = "Directive Ledger API";
            options.DefaultFonts = false;
            options.Telemetry = false;
        }).Finally(endpoint =>
        {
            // Scalar marks its assets anonymous; what anyone may read is the role matrix's business alone.
            foreach (var anonymous in endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().ToList())
                endpoint.Metadata.Remove(anonymous);
        });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
