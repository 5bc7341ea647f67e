using Ledger.Api.Access.Intervals;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The interval indexes key rows by <c>hashtext</c>, which PostgreSQL does not promise across major versions. A
/// server that hashes the ledger's probe text differently from when the indexes were built (as after such an
/// upgrade, simulated here by changing the recorded hash) gets both indexes rebuilt at start; one that hashes it
/// the same keeps them.
/// </summary>
public class when_postgresql_hashes_text_differently_after_an_upgrade(AppFixture app) : IntegrationContext(app)
{
    protected override async Task Given() => await Host.RecordedReferenceScenario();

    [Fact]
    public async Task the_indexes_keyed_by_hashtext_are_rebuilt_and_the_answers_stay_the_same()
    {
        await using var dataSource = NpgsqlDataSource.Create(AppFixture.ConnectionString);
        var table = new AccessIntervalSchema(dataSource, new LedgerSchema(LedgerDatabase.Schema));
        var matrix = await Host.Matrix($"asOf={Reference.DuringTheEasing}");
        var files = await IndexFiles(dataSource);
        files.Count.ShouldBe(3);

        (await table.RebuildIndexesIfHashingChanged(CancellationToken.None)).ShouldBeFalse("the server hashes the probe as it did");
        (await IndexFiles(dataSource)).ShouldBe(files);

        await using (var upgrade = dataSource.CreateCommand($"update {table.Keys} set probe = probe + 1"))
            (await upgrade.ExecuteNonQueryAsync()).ShouldBe(1);
        await using (await AppFixture.StartHost())
        {
        }

        var rebuilt = await IndexFiles(dataSource);
        rebuilt["access_intervals_by_model_bounds"].ShouldNotBe(files["access_intervals_by_model_bounds"]);
        rebuilt["access_intervals_by_organization_bounds"].ShouldNotBe(files["access_intervals_by_organization_bounds"]);
        rebuilt["access_intervals_live"].ShouldBe(files["access_intervals_live"], "its keys are not hashes");
        (await table.RebuildIndexesIfHashingChanged(CancellationToken.None)).ShouldBeFalse("the probe was recorded again");
        var after = await Host.Matrix($"asOf={Reference.DuringTheEasing}");
        after.Position.ShouldBe(matrix.Position);
        after.Cells.ShouldBeEquivalentTo(matrix.Cells);
    }

    /// <summary>Each interval index's file: REINDEX writes a new one.</summary>
    private static async Task<Dictionary<string, long>> IndexFiles(NpgsqlDataSource dataSource)
    {
        await using var read = dataSource.CreateCommand(
            "select c.relname, c.relfilenode::bigint from pg_class c join pg_namespace n on n.oid = c.relnamespace " +
            "where n.nspname = $1 and c.relkind = 'i' and c.relname like 'access_intervals%' and c.relname <> 'access_intervals_pkey'");
        read.Parameters.Add(new NpgsqlParameter { Value = LedgerDatabase.Schema });
        var files = new Dictionary<string, long>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            files[reader.GetString(0)] = reader.GetInt64(1);
        return files;
    }
}
