namespace Ledger.Api.Reports;

/// <summary>Registrations of the reports feature: the evidence packs the reports are cut from.</summary>
internal static class ReportsConfiguration
{
    public static IServiceCollection AddReports(this IServiceCollection services) => services.AddSingleton<EvidencePacks>();
}
