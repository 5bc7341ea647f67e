using Ledger.Api.Ledger;
using System.Globalization;
using Npgsql;

namespace Ledger.Integrity.Tests.Support;

/// <summary>
/// A database of the tests' own, <c>ledger_integrity_tests</c> on the cluster that <c>ConnectionStrings__Ledger</c>
/// names, owned by the owner role and applied by db-apply as in a deployment, so these tests never race another
/// test project that empties the <c>ledger</c> database; the service connects as its own role. Tampering needs a
/// superuser, as it would in production: its
/// connection is <c>LEDGER_TEST_SUPERUSER_CONNECTION</c> when set, otherwise it is derived from the private
/// cluster that ops/lib/postgres.sh keeps under the repository's <c>.local/</c> folder: the cluster whose
/// <c>data/postmaster.pid</c> names the port, and its <c>superuser.password</c>.
/// </summary>
public static class IntegrityDatabase
{
    public const string Name = "ledger_integrity_tests";

    private static readonly Lazy<string> Application = new(() =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Ledger")
        ?? throw new InvalidOperationException("Set ConnectionStrings__Ledger (ops/test does): the integrity tests run against a real PostgreSQL."));

    private static readonly Lazy<string> SuperuserConnection = new(FindSuperuser);
    private static readonly Lazy<Task> Created = new(Create);

    /// <summary>The service's connection, pointed at the tests' own database.</summary>
    public static string Ledger => new NpgsqlConnectionStringBuilder(Application.Value) { Database = Name, Pooling = false }.ConnectionString;

    /// <summary>The owner's connection to the tests' own database: what db-apply and ledger-replay use.</summary>
    public static string Owner => new NpgsqlConnectionStringBuilder(TestRoles.Owner) { Database = Name, Pooling = false }.ConnectionString;

    /// <summary>A superuser connection to the tests' own database: the tamperer.</summary>
    public static string Superuser => new NpgsqlConnectionStringBuilder(SuperuserConnection.Value) { Database = Name, Pooling = false }.ConnectionString;

    public static Task EnsureCreated() => Created.Value;

    /// <summary>
    /// Empties every table of the ledger's schema and restarts positions at 1. Run while no host is up, with triggers
    /// off: the ledger refuses TRUNCATE to every role.
    /// </summary>
    public static async Task Reset()
    {
        await EnsureCreated();
        await Execute(Superuser, """
            set session_replication_role = replica;
            do $$
            declare tables text;
            begin
              select string_agg(format('%I.%I', schemaname, tablename), ', ') into tables from pg_tables where schemaname = 'ledger' and tablename <> 'access_interval_keys';
              if tables is not null then execute 'truncate ' || tables || ' restart identity cascade'; end if;
              if exists (select from pg_sequences where schemaname = 'ledger' and sequencename = 'mt_events_sequence') then
                execute 'alter sequence ledger.mt_events_sequence restart with 1';
              end if;
            end $$;
            """);
    }

    public static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<string>> Strings(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }

    public static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Create()
    {
        var owner = new NpgsqlConnectionStringBuilder(TestRoles.Owner).Username;
        var admin = new NpgsqlConnectionStringBuilder(SuperuserConnection.Value) { Pooling = false }.ConnectionString;
        await Execute(admin, $"drop database if exists {Name} with (force)");
        await Execute(admin, $"create database {Name} owner \"{owner}\"");
        await TestRoles.Apply(LedgerSchema.Default.Name, Name);
    }

    private static string FindSuperuser()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_TEST_SUPERUSER_CONNECTION") is { Length: > 0 } given)
            return given;
        var app = new NpgsqlConnectionStringBuilder(Application.Value);
        var clusters = new DirectoryInfo(Repository.PathOf(".local")) is { Exists: true } local ? local.GetDirectories() : [];
        foreach (var cluster in clusters)
        {
            var pid = Path.Combine(cluster.FullName, "data", "postmaster.pid");
            var password = Path.Combine(cluster.FullName, "superuser.password");
            if (!File.Exists(pid) || !File.Exists(password))
                continue;
            var lines = File.ReadAllLines(pid);
            if (lines.Length > 3 && lines[3].Trim() == app.Port.ToString(CultureInfo.InvariantCulture))
                return new NpgsqlConnectionStringBuilder
                {
                    Host = app.Host, Port = app.Port, Database = "postgres", Username = "postgres",
                    Password = File.ReadAllLines(password)[0].Trim(),
                }.ConnectionString;
        }

        throw new InvalidOperationException(
            "The tamper trials need a PostgreSQL superuser: set LEDGER_TEST_SUPERUSER_CONNECTION, or run them on the cluster " +
            $"ops/lib/postgres.sh keeps under .local/ (no cluster there listens on port {app.Port}).");
    }
}
