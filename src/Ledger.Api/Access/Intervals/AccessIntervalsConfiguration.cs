using Ledger.Api.Ledger;

namespace Ledger.Api.Access.Intervals;

internal static class AccessIntervalsConfiguration
{
    /// <summary>The temporal read model: maintained by every write, brought up to date at start, read by the matrix endpoints.</summary>
    public static IServiceCollection AddAccessIntervals(this IServiceCollection services)
    {
        services.AddSingleton<AccessIntervalSchema>();
        services.AddSingleton<AccessIntervalProjection>();
        services.AddSingleton<IRecordingStep>(provider => provider.GetRequiredService<AccessIntervalProjection>());
        services.AddSingleton<AccessIntervalQuery>();
        services.AddHostedService<AccessIntervalStartup>();
        return services;
    }
}
