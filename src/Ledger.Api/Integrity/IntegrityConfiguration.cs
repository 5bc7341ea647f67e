using Ledger.Api.Ledger;

namespace Ledger.Api.Integrity;

/// <summary>Registrations of the integrity feature: sealing, checkpoints, proofs, verification and export.</summary>
internal static class IntegrityConfiguration
{
    public static IServiceCollection AddLedgerIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntegrityOptions>(configuration.GetSection(IntegrityOptions.Section));
        services.AddSingleton<IntegritySchema>();
        services.AddSingleton<LedgerKey>();
        services.AddSingleton<MerkleLog>();
        services.AddSingleton<CheckpointPublisher>();
        services.AddSingleton<FeedVerification>();
        services.AddSingleton<LedgerVerification>();
        services.AddSingleton<BundleExport>();
        services.AddSingleton<IRecordingStep, MerkleSealer>();
        services.AddSingleton<Replaying.LedgerReplay>();
        services.AddSingleton<IntegrityStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<IntegrityStartup>());
        services.AddHostedService<CheckpointSchedule>();
        return services;
    }
}
