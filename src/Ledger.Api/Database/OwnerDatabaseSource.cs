using JasperFx.Descriptors;
using Weasel.Core.Migrations;

namespace Ledger.Api.Database;

/// <summary>
/// Offers <see cref="OwnerDatabase"/> to <c>db-apply</c>. A source, not a database, because db-apply applies the
/// registered databases before every source: registered after Marten's and Wolverine's sources, this one comes last.
/// </summary>
internal sealed class OwnerDatabaseSource(Lazy<OwnerDatabase> database) : IDatabaseSource
{
    public DatabaseCardinality Cardinality => DatabaseCardinality.Single;

    public ValueTask<DatabaseUsage> DescribeDatabasesAsync(CancellationToken token) =>
        ValueTask.FromResult(new DatabaseUsage { Cardinality = Cardinality, MainDatabase = database.Value.Describe() });

    public ValueTask<IReadOnlyList<IDatabase>> BuildDatabases() => ValueTask.FromResult<IReadOnlyList<IDatabase>>([database.Value]);
}
