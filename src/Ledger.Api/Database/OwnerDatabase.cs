using JasperFx;
using Npgsql;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Ledger.Api.Database;

/// <summary>
/// The ledger's own schema objects as one Weasel database, so <c>db-apply</c> applies them (and <c>db-assert</c>
/// checks them) after Marten's and Wolverine's: the integrity triggers guard Marten's event table, and the grants
/// name Wolverine's tables too.
/// </summary>
internal sealed class OwnerDatabase(NpgsqlDataSource dataSource, IReadOnlyList<OwnerScript> scripts)
    : PostgresqlDatabase(new DefaultMigrationLogger(), AutoCreate.CreateOrUpdate, new PostgresqlMigrator(), "ledger-owner", dataSource)
{
    public override IFeatureSchema[] BuildFeatureSchemas() => [new Scripts(Migrator, scripts)];

    private sealed class Scripts(Migrator migrator, IReadOnlyList<OwnerScript> scripts) : FeatureSchemaBase("LedgerOwnerScripts", migrator)
    {
        public override Type StorageType => typeof(OwnerDatabase);

        protected override IEnumerable<ISchemaObject> schemaObjects() => scripts;
    }
}
