using Npgsql;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// Issue 7's rebuild as a deployment meets it: the ledger holds facts its interval read model has not seen (the
/// reference scenario, then the table emptied and its progress forgotten, as before the read model existed), and a
/// service starts on it. The start brings the table to the ledger's head with exactly the rows the service had kept
/// write by write, and gathers the table's statistics, so the first as-of reads are not planned blind.
/// </summary>
public class when_a_service_starts_on_facts_its_read_model_has_not_seen(AppFixture app) : IntegrationContext(app)
{
    private const string Table = $"{LedgerDatabase.Schema}.access_intervals";
    private const string Kept = $"{LedgerDatabase.Schema}.access_intervals_kept";

    protected override async Task Given() => await Host.RecordedReferenceScenario();

    [Fact]
    public async Task the_start_writes_the_rows_kept_write_by_write_and_analyses_them()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestRoles.Owner);
        await Execute(dataSource, $"""
            {IntervalRows.CopyAs(Table, Kept)}
            truncate {Table};
            delete from {LedgerDatabase.Schema}.projection_progress where name = 'access-intervals';
            """);
        var analysedBefore = await LastAnalysed(dataSource);

        await using (await AppFixture.StartHost())
        {
        }

        var (rows, closed, onlyKept, onlyRebuilt) = await IntervalRows.Compare(dataSource, Kept, Table);
        rows.ShouldBeGreaterThan(0);
        closed.ShouldBeGreaterThan(0, "the scenario should have closed rows, or the comparison proves little");
        (onlyKept, onlyRebuilt).ShouldBe((0L, 0L), $"of {rows} rows kept write by write");
        (await LastAnalysed(dataSource)).ShouldBeGreaterThan(analysedBefore);
        await Execute(dataSource, $"drop table {Kept}");
    }

    private static async Task<DateTime> LastAnalysed(NpgsqlDataSource dataSource)
    {
        await using var read = dataSource.CreateCommand(
            "select coalesce(last_analyze, '-infinity') from pg_stat_user_tables where schemaname = $1 and relname = 'access_intervals'");
        read.Parameters.Add(new NpgsqlParameter { Value = LedgerDatabase.Schema });
        return (DateTime)(await read.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
