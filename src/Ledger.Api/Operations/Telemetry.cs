using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ledger.Api.Operations;

/// <summary>
/// Traces and metrics for ASP.NET Core, Wolverine, Marten and Npgsql, exported over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without it nothing would read them, so the SDK is not registered at
/// all: its listeners made every request create and tag activities (issue 7 measured a few per cent of a check's
/// CPU). The runtime's own meters stay readable by <c>dotnet-counters</c> either way.
/// </summary>
internal static class Telemetry
{
    public static IServiceCollection AddLedgerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("directive-ledger"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Wolverine", "Marten")
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Wolverine*", "Marten*", "Npgsql"))
            .UseOtlpExporter();
        return services;
    }
}
