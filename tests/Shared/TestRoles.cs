global using Ledger.Tests.Shared;
using System.Diagnostics;
using Npgsql;

namespace Ledger.Tests.Shared;

/// <summary>
/// The tests' side of the two database roles (ops/test exports both, and a superuser's). A host connects as the
/// service's role (<c>ConnectionStrings__Ledger</c>) and, like the deployed service, creates nothing, so its schema is
/// applied first by the real <c>Ledger.Api.dll db-apply</c> as the owner (<c>ConnectionStrings__LedgerOwner</c>).
/// Emptying a ledger, making scratch tables and tampering need privileges the service does not have: the owner's,
/// or a superuser's (<c>LEDGER_TEST_SUPERUSER_CONNECTION</c>) where the append-only triggers must be switched off.
/// </summary>
public static class TestRoles
{
    public static string Service => Variable("ConnectionStrings__Ledger");

    public static string Owner => Variable("ConnectionStrings__LedgerOwner");

    public static string Superuser => Variable("LEDGER_TEST_SUPERUSER_CONNECTION");

    /// <summary><paramref name="connectionString"/> pointed at another database of the same cluster.</summary>
    public static string In(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string?), Lazy<Task>> Applied = new();

    /// <summary><see cref="Apply"/> once per schema and database in this test run: a schema applied stays applied.</summary>
    public static Task ApplyOnce(string schema, string? database = null) =>
        Applied.GetOrAdd((schema, database), key => new Lazy<Task>(() => Apply(key.Item1, key.Item2))).Value;

    /// <summary>Runs <c>db-apply</c> for the ledger schema <paramref name="schema"/>, in <paramref name="database"/> when given.</summary>
    public static async Task Apply(string schema, string? database = null)
    {
        // Test projects run in parallel processes, and two db-apply runs at once race on what a database shares
        // (CREATE EXTENSION btree_gist answers 23505 to the loser): one at a time on this machine.
        await using var turn = await ApplyTurn();
        var start = new ProcessStartInfo("dotnet", [ServiceDll(), "db-apply"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__LedgerOwner"] = database is null ? Owner : In(Owner, database);
        start.Environment["ConnectionStrings__Ledger"] = database is null ? Service : In(Service, database);
        start.Environment["Ledger__Schema"] = schema;
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"db-apply of schema {schema} exited {process.ExitCode}:\n{await output}\n{await errors}");
    }

    private static async Task<FileStream> ApplyTurn()
    {
        var path = Path.Combine(Path.GetTempPath(), "ledger-tests-db-apply.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Runs SQL as a superuser with triggers off for the session: how a test empties an append-only ledger.</summary>
    public static async Task AsSuperuserWithoutTriggers(string sql, string? database = null)
    {
        await using var connection = new NpgsqlConnection(database is null ? Superuser : In(Superuser, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"set session_replication_role = replica; {sql}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The service's build beside the tests' (same configuration), found from the solution's folder.</summary>
    public static string ServiceDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Repository.PathOf("src", "Ledger.Api", "bin", configuration, "net10.0", "Ledger.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the service first", dll);
    }

    private static string Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"Set {name} (ops/test does): the tests run against a real PostgreSQL with the ledger's two roles.");
}
