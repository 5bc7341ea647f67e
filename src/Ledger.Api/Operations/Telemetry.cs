using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ledger.Api.Operations;

/// <summary>
/// Traces and metrics for ASP.NET Core, Wolverine, Marten and Npgsql; exported over OTLP only when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a local run needs no collector.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddLedgerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("directive-ledger"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Wolverine", "Marten")
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Wolverine*", "Marten*", "Npgsql"));
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return services;
    }
}
