using Ledger.Api.Access.Intervals;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Tests.Reads;

/// <summary>
/// The interval indexes key a row by a box in float8 that is closed where the row's ranges are half-open (see
/// <see cref="AccessIntervalSchema"/>): the reads must still answer by the exact ranges, at their very ends, one
/// microsecond either side of them, and with open ends.
/// </summary>
public class when_an_interval_row_ends
{
    private const string Schema = "interval_ends";
    private static readonly DateTimeOffset From = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(4_567_890);
    private static readonly DateTimeOffset To = From.AddMicroseconds(1);

    [Theory]
    [InlineData(-1, 5, false)]
    [InlineData(0, 5, true)]
    [InlineData(1, 5, false)]
    [InlineData(0, 4, false)]
    [InlineData(0, 6, true)]
    [InlineData(0, 7, false)]
    public async Task a_row_holds_from_its_first_instant_and_position_up_to_but_not_at_its_last(int microseconds, long position, bool holds)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestRoles.Owner);
        var table = await Table(dataSource);
        await Insert(dataSource, table, "m-closed", From, To, 5, 7);

        var cells = await new AccessIntervalQuery(dataSource, table).Matrix(From.AddMicroseconds(microseconds), position, "m-closed", null, CancellationToken.None);

        cells.Count.ShouldBe(holds ? 1 : 0);
    }

    [Theory]
    [InlineData(-2000, 1)]
    [InlineData(7000, long.MaxValue - 1)]
    public async Task a_row_open_at_both_ends_holds_everywhere(int years, long position)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestRoles.Owner);
        var table = await Table(dataSource);
        await Insert(dataSource, table, "m-open", null, null, 1, null);

        var cells = await new AccessIntervalQuery(dataSource, table).Matrix(From.AddYears(years), position, null, "o-1", CancellationToken.None);

        cells.Select(c => c.ModelId).ShouldBe(["m-open"]);
    }

    /// <summary>A schema of this class's own, with nothing but the row under test.</summary>
    private static async Task<AccessIntervalSchema> Table(NpgsqlDataSource dataSource)
    {
        var table = new AccessIntervalSchema(dataSource, new LedgerSchema(Schema));
        await table.Ensure(CancellationToken.None);
        await using var clear = dataSource.CreateCommand($"truncate {table.Table}");
        await clear.ExecuteNonQueryAsync();
        return table;
    }

    private static async Task Insert(
        NpgsqlDataSource dataSource, AccessIntervalSchema table, string model, DateTimeOffset? from, DateTimeOffset? to, long recordedFrom, long? recordedTo)
    {
        await using var insert = dataSource.CreateCommand($"""
            insert into {table.Table} (model_id, organization_id, person_class, valid_from, valid_to, recorded_from, recorded_to, legal, provider, access, since, basis, reasons)
            values ($1, 'o-1', 'us-person', $2, $3, $4, $5, 'unrestricted', 'enabled', 'allowed', null, '[]', '[]')
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = model });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = from, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = to, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = recordedFrom });
        insert.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = recordedTo, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await insert.ExecuteNonQueryAsync();
    }
}
