using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>The physical limit of the same PostgreSQL: pgbench committing one-row INSERTs at a given concurrency.</summary>
public static partial class PgBench
{
    public sealed record Result(double Tps);

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    /// <summary>
    /// pgbench inserts as <paramref name="connectionString"/>'s role, the service's, as the service's own writes do;
    /// the table is made by <paramref name="owner"/>, since the service's role may create nothing.
    /// </summary>
    public static async Task<Result> Run(string connectionString, string owner, int clients, int seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var dataSource = NpgsqlDataSource.Create(owner))
        await using (var create = dataSource.CreateCommand(
                         "create table if not exists public.pgbench_single_row (id bigserial, v int); " +
                         $"grant insert on public.pgbench_single_row to \"{builder.Username}\"; " +
                         $"grant usage on sequence public.pgbench_single_row_id_seq to \"{builder.Username}\""))
            await create.ExecuteNonQueryAsync();
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, "insert into public.pgbench_single_row (v) values (1);\n");
        var start = new ProcessStartInfo(Binary(), [
            "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-n",
            "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script, builder.Database!,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        var match = Tps().Match(output);
        return match.Success
            ? new Result(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"pgbench failed: {await process.StandardError.ReadToEndAsync()}");
    }

    private static string Binary() =>
        Directory.GetDirectories("/usr/lib/postgresql")
            .Select(folder => Path.Combine(folder, "bin", "pgbench"))
            .Where(File.Exists)
            .OrderByDescending(path => path, StringComparer.Ordinal)
            .FirstOrDefault() ?? "pgbench";
}
