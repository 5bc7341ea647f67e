using Npgsql;

namespace Ledger.Api.Tests.Support;

/// <summary>Two interval tables compared row for row, ids aside: what a rebuild must reproduce of the rows kept write by write.</summary>
public static class IntervalRows
{
    public sealed record Comparison(long Rows, long Closed, long OnlyKept, long OnlyRebuilt);

    private const string Columns =
        "model_id, organization_id, person_class, valid_from, valid_to, recorded_from, recorded_to, legal, provider, access, since, basis, reasons";

    /// <summary>Rows and closed rows of <paramref name="kept"/>, and the rows (with their multiplicity) only one of the two tables holds.</summary>
    public static async Task<Comparison> Compare(NpgsqlDataSource dataSource, string kept, string rebuilt)
    {
        await using var compare = dataSource.CreateCommand($"""
            select (select count(*) from {kept}),
                   (select count(*) from {kept} where recorded_to is not null),
                   (select count(*) from (select {Columns} from {kept} except all select {Columns} from {rebuilt}) k),
                   (select count(*) from (select {Columns} from {rebuilt} except all select {Columns} from {kept}) r)
            """);
        await using var reader = await compare.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Comparison(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Copies <paramref name="table"/>'s rows, ids aside, into a new table <paramref name="copy"/>.</summary>
    public static string CopyAs(string table, string copy) => $"drop table if exists {copy}; create table {copy} as select {Columns} from {table};";
}
