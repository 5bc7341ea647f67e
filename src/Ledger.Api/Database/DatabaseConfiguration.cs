using Ledger.Api.Access.Intervals;
using Ledger.Api.Feed.Subscriptions;
using Ledger.Api.Integrity;
using Ledger.Api.Ledger;
using Npgsql;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Ledger.Api.Database;

/// <summary>
/// The owner's part of <c>db-apply</c>: the integrity schema, the interval table, the move of an older database's
/// subscriptions to their version 2 tables, and the service's privileges, in that order (the grants name every table),
/// after Marten's and Wolverine's own objects (the integrity triggers guard Marten's event table). Register it after Wolverine, so its source comes last.
/// </summary>
internal static class DatabaseConfiguration
{
    public static IServiceCollection AddLedgerDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var roles = DatabaseRoles.From(configuration);
        services.AddSingleton<IDatabaseSource>(provider => new OwnerDatabaseSource(new Lazy<OwnerDatabase>(() =>
        {
            var dataSource = NpgsqlDataSource.Create(roles.ForThisProcess());
            return new OwnerDatabase(dataSource, Scripts(provider.GetRequiredService<LedgerSchema>(), roles, dataSource));
        })));
        return services;
    }

    private static List<OwnerScript> Scripts(LedgerSchema schema, DatabaseRoles roles, NpgsqlDataSource dataSource)
    {
        var integrity = new IntegritySchema(schema);
        var intervals = new AccessIntervalSchema(dataSource, schema);
        var subscriptions = $"{schema.Name}.{SubscriptionSchema.Subscriptions}";
        return
        [
            new OwnerScript(Name(schema, "integrity"), integrity.Ddl, $"table {integrity.Leaves}", Comment(integrity.Leaves)),
            new OwnerScript(Name(schema, "access_intervals"), intervals.Ddl, $"table {intervals.Keys}", Comment(intervals.Keys), AccessIntervalSchema.HashProbe),
            new OwnerScript(Name(schema, "subscriptions_from_one_namespace"), SubscriptionSchema.FromOneNamespace(schema),
                $"table {subscriptions}", Comment(subscriptions)),
            new OwnerScript(Name(schema, "service_privileges"), ServicePrivileges.Script(schema, roles.ServiceRole), $"schema {schema.Name}",
                $"obj_description(to_regnamespace('{schema.Name}'), 'pg_namespace')"),
        ];
    }

    private static PostgresqlObjectName Name(LedgerSchema schema, string name) => new(schema.Name, name, SchemaUtils.IdentifierUsage.General);

    private static string Comment(string table) => $"obj_description(to_regclass('{table}'), 'pg_class')";
}
