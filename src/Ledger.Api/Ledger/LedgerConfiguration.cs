using JasperFx;
using Ledger.Api.Database;
using Ledger.Domain.Json;
using Marten;
using Npgsql;
using Wolverine.Marten;

namespace Ledger.Api.Ledger;

/// <summary>The ledger's core: its PostgreSQL, its event store and its single write path.</summary>
internal static class LedgerConfiguration
{
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        // Required when the database is first used, not here, so commands that need none (token) run without it.
        var roles = DatabaseRoles.From(configuration);
        string ConnectionString() => roles.ForThisProcess();
        var schema = new LedgerSchema(configuration["Ledger:Schema"] ?? LedgerSchema.Default.Name);

        services.AddSingleton(schema);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(ConnectionString()).Build());
        services.AddSingleton<LedgerLog>();
        services.AddSingleton<LedgerWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<LedgerWriter>());
        services.AddSingleton<NotificationListener>();
        services.AddHostedService<LedgerLogListener>();
        services.AddHostedService<LedgerWarmUp>();
        services.ConfigureHttpJsonOptions(json => LedgerJson.Configure(json.SerializerOptions));
        services.AddMarten(_ =>
            {
                var options = new StoreOptions();
                options.Connection(ConnectionString());
                LedgerStore.Configure(options, schema);
                // The service creates no schema object: db-apply does, as the owner (Database/DatabaseRoles.cs).
                options.AutoCreateSchemaObjects = AutoCreate.None;
                return options;
            })
            .IntegrateWithWolverine()
            .AssertDatabaseMatchesConfigurationOnStartup();
        return services;
    }
}
