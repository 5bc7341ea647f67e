using Ledger.Domain.Json;
using Marten;
using Npgsql;
using Wolverine.Marten;

namespace Ledger.Api.Ledger;

/// <summary>The ledger's core: its PostgreSQL, its event store and its single write path.</summary>
public static class LedgerConfiguration
{
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Ledger")
                               ?? throw new InvalidOperationException("Set ConnectionStrings__Ledger to the ledger's PostgreSQL database.");
        var schema = new LedgerSchema(configuration["Ledger:Schema"] ?? LedgerSchema.Default.Name);

        services.AddSingleton(schema);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<LedgerLog>();
        services.AddSingleton<LedgerWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<LedgerWriter>());
        services.AddHostedService<LedgerLogListener>();
        services.ConfigureHttpJsonOptions(json => LedgerJson.Configure(json.SerializerOptions));
        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                LedgerStore.Configure(options, schema);
            })
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        return services;
    }
}
