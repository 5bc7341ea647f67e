using Npgsql;

namespace Ledger.Api.Tests.Support;

/// <summary>Direct access to the ledger's PostgreSQL schema, only to empty it between test classes and to count rows.</summary>
public sealed class LedgerDatabase(string connectionString)
{
    /// <summary>A schema of the tests' own: other suites run at the same time against the same database.</summary>
    public const string Schema = "api_tests";

    /// <summary>
    /// Truncates every table of the ledger's schema (events, streams, idempotency records, whatever documents
    /// the service adds later) and restarts the event sequence, so positions start at 1 again. Wolverine's own
    /// node tables are left alone, and so is the hash the interval indexes were built with (db-apply's record). Runs while no host is up, as a superuser with triggers off: the ledger refuses
    /// TRUNCATE to every role, and the service's role may not even ask.
    /// </summary>
    public async Task Reset()
    {
        const string sql = $"""
            do $$
            declare tables text;
            begin
              select string_agg(format('%I.%I', schemaname, tablename), ', ') into tables
                from pg_tables where schemaname = '{Schema}' and tablename not like 'wolverine%' and tablename <> 'access_interval_keys';
              if tables is not null then
                execute 'truncate ' || tables || ' restart identity cascade';
              end if;
              if exists (select 1 from pg_sequences where schemaname = '{Schema}' and sequencename = 'mt_events_sequence') then
                execute 'alter sequence {Schema}.mt_events_sequence restart with 1';
              end if;
            end $$;
            """;
        await TestRoles.AsSuperuserWithoutTriggers(sql, new NpgsqlConnectionStringBuilder(connectionString).Database);
    }

    /// <summary>Rows in the event table, whatever their type: a refused write must add none.</summary>
    public Task<long> EventCount() => RowCount("mt_events");

    public async Task<long> RowCount(string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {Schema}.{table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
