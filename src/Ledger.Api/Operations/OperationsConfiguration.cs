using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Ledger.Api.Operations;

/// <summary>Health, the OpenAPI document, problem details for every error, and telemetry.</summary>
internal static class OperationsConfiguration
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblems.Name);
        services.AddOpenApi(options => options.AddOperationTransformer<LedgerResponses>());
        services.AddHealthChecks().AddNpgSql(provider => provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), name: "postgresql", tags: ["ready"]);
        services.AddLedgerTelemetry(configuration);
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
