using Ledger.Api.Access.Intervals;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The interval indexes key rows by <c>hashtext</c>, which PostgreSQL does not promise across major versions. A
/// server that hashes the ledger's probe text differently from when the indexes were built (as after such an
/// upgrade, simulated here by changing the recorded hash, and the stamp db-apply keeps of it) is refused by the
/// service's start, which cannot rebuild indexes it does not own; db-apply, as the owner, rebuilds both, and the
/// service then starts and answers as before. A server that hashes it the same keeps them.
/// </summary>
public class when_postgresql_hashes_text_differently_after_an_upgrade(AppFixture app) : IntegrationContext(app)
{
    protected override async Task Given() => await Host.RecordedReferenceScenario();

    [Fact]
    public async Task the_service_refuses_to_start_until_db_apply_rebuilds_the_indexes_and_the_answers_stay_the_same()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestRoles.Owner);
        var table = new AccessIntervalSchema(dataSource, new LedgerSchema(LedgerDatabase.Schema));
        var matrix = await Host.Matrix($"asOf={Reference.DuringTheEasing}");
        var files = await IndexFiles(dataSource);
        files.Count.ShouldBe(3);

        await TestRoles.Apply(LedgerDatabase.Schema);
        (await IndexFiles(dataSource)).ShouldBe(files, "the server hashes the probe as it did");

        await using (var upgrade = dataSource.CreateCommand($"update {table.Keys} set probe = probe + 1; comment on table {table.Keys} is 'built by another server'"))
            await upgrade.ExecuteNonQueryAsync();
        var refused = await Should.ThrowAsync<Exception>(AppFixture.StartHost);
        refused.ToString().ShouldContain("run `Ledger.Api.dll db-apply` as the owner role, which rebuilds them");

        await TestRoles.Apply(LedgerDatabase.Schema);
        var rebuilt = await IndexFiles(dataSource);
        rebuilt["access_intervals_by_model_bounds"].ShouldNotBe(files["access_intervals_by_model_bounds"]);
        rebuilt["access_intervals_by_organization_bounds"].ShouldNotBe(files["access_intervals_by_organization_bounds"]);
        rebuilt["access_intervals_live"].ShouldBe(files["access_intervals_live"], "its keys are not hashes");
        await using (await AppFixture.StartHost())
        {
        }

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
