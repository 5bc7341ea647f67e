using System.Diagnostics;
using System.Text;
using Alba;
using Ledger.Api.Integrity;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Ledger.Domain.Facts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Benchmarks.Integrity;

public sealed record BenchSettings(int Writes, int Block, IReadOnlyList<int> Workers, int VerifyEvents, int Proofs, int LeafVersion = 2);

/// <summary>
/// Runs against the cluster named by <c>ConnectionStrings__Ledger</c> (the service's role, which the measured
/// hosts use), <c>ConnectionStrings__LedgerOwner</c> (the owner: its <c>db-apply</c> makes each database's schema, as
/// a deployment's does, and it generates the bulk history) and <c>LEDGER_BENCH_SUPERUSER</c> (to create and drop its
/// own databases, <c>ledger_bench_*</c>, which the owner may not).
/// </summary>
public static class IntegrityBench
{
    /// <summary>The leaf encoding the measured hosts seal (<c>--leaf-version</c>).</summary>
    private static int LeafVersion { get; set; } = 2;

    public static async Task<string> Run(BenchSettings settings, TextWriter progress, CancellationToken ct)
    {
        LeafVersion = settings.LeafVersion;
        // The test server needs the service's content root; a test project gets it from Mvc.Testing's build targets.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LEDGER_API", Repository.PathOf("src", "Ledger.Api"));

        var loadBefore = Load();
        var table = new StringBuilder();
        table.AppendLine("| measurement | value | conditions |");
        table.AppendLine("|---|---|---|");
        foreach (var workers in settings.Workers)
            await Writes(settings, workers, table, progress, ct);
        await VerifyAndProofs(settings, table, progress, ct);
        table.AppendLine();
        table.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
                         $"PostgreSQL {await Scalar<string>(Superuser("postgres"), "show server_version", ct)} on 127.0.0.1 " +
                         $"(synchronous_commit {await Scalar<string>(Superuser("postgres"), "show synchronous_commit", ct)}); {DateTimeOffset.UtcNow:yyyy-MM-dd}; " +
                         $"load average (1, 5, 15 min) {loadBefore} at the start, {Load()} at the end: other work shares the machine; " +
                         $"sealed as leaf/v{LeafVersion}.");
        return table.ToString();
    }

    /// <summary>
    /// Both modes run side by side on databases of their own, in alternating blocks (off-on, on-off, ...), so drift
    /// (a growing log, other work on the machine) falls on both alike; the overhead is the median of the per-block
    /// ratios, which a burst of outside load in one block cannot move much.
    /// </summary>
    private static async Task Writes(BenchSettings settings, int workers, StringBuilder table, TextWriter progress, CancellationToken ct)
    {
        await Recreate("ledger_bench_off", ct);
        await Recreate("ledger_bench_on", ct);
        await using var off = await Host("ledger_bench_off", sealing: false);
        await using var on = await Host("ledger_bench_on", sealing: true, timed: true);
        var sealer = on.Services.GetRequiredService<TimedStep>();
        var writers = new Dictionary<bool, LedgerWriter>
        {
            [false] = off.Services.GetRequiredService<LedgerWriter>(),
            [true] = on.Services.GetRequiredService<LedgerWriter>(),
        };
        var rates = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        var latencies = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        foreach (var sealing in new[] { false, true })
            await Write(writers[sealing], "warm", 50, workers, [], ct);
        sealer.Reset();
        var sealingOnWall = TimeSpan.Zero;

        var blocks = Math.Max(1, settings.Writes / settings.Block);
        for (var block = 0; block < blocks; block++)
        foreach (var sealing in block % 2 == 0 ? new[] { false, true } : [true, false])
        {
            var watch = Stopwatch.StartNew();
            await Write(writers[sealing], $"b{block}", settings.Block, workers, latencies[sealing], ct);
            rates[sealing].Add(settings.Block / watch.Elapsed.TotalSeconds);
            if (sealing)
                sealingOnWall += watch.Elapsed;
            if (block % 5 == 4 && sealing == (block % 2 == 0))
                progress.WriteLine($"block {block + 1}/{blocks}: off {rates[false][^1]:F0}, on {rates[true][^1]:F0} writes/s");
        }

        var ratios = rates[false].Zip(rates[true], (a, b) => b / a).ToList();
        var conditions = $"{blocks} blocks of {settings.Block} writes per mode, alternating, {workers} concurrent writer(s), one fact per write " +
                         "through LedgerWriter.Record (group commit, advisory lock, catch-up, admission, Marten append, interval read model, leaf, commit; no HTTP), " +
                         "each mode on its own database";
        table.AppendLine($"| **{workers} writer(s)** | | |");
        table.AppendLine($"| write throughput, sealing off | {Median(rates[false]):F0} facts/s median (p50 {Percentile(latencies[false], 50):F2} ms, p99 {Percentile(latencies[false], 99):F2} ms) | {conditions} |");
        table.AppendLine($"| write throughput, sealing on | {Median(rates[true]):F0} facts/s median (p50 {Percentile(latencies[true], 50):F2} ms, p99 {Percentile(latencies[true], 99):F2} ms) | same run; includes the checkpoint signer running each second |");
        table.AppendLine($"| cost of sealing, A/B | {(1 - Median(ratios)) * 100:F1} % fewer writes/s (median of per-block on/off ratios; target under 10 %) | " +
                         $"interquartile range of the ratios {(1 - Percentile(ratios, 75)) * 100:F1} % to {(1 - Percentile(ratios, 25)) * 100:F1} % |");
        table.AppendLine($"| cost of sealing, measured inside the writer | {sealer.Total.TotalSeconds / sealingOnWall.TotalSeconds * 100:F1} % of the sealing-on run's time " +
                         $"({sealer.MeanMilliseconds:F3} ms per fact) | time spent in the sealing step (one prepared INSERT ... SELECT merkle_leaf_hash per transaction) " +
                         "while the writer's single loop ran the sealing-on blocks above |");
    }

    private static async Task Write(LedgerWriter writer, string prefix, int count, int workers, List<double> latencies, CancellationToken ct)
    {
        var next = -1;
        var gathered = new List<double>[workers];
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            gathered[w] = [];
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var id = $"{prefix}-{i}";
                var body = $$"""{"modelId":"{{id}}","name":"Benchmark model {{i}}"}""";
                var started = Stopwatch.GetTimestamp();
                var outcome = await writer.Record(new ModelRegistered(id, $"Benchmark model {i}"),
                    new WriteContext("/api/models", body, null, null, "bench", null, null), ct);
                gathered[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (outcome is not WriteOutcome.Written)
                    throw new InvalidOperationException($"write {id} was not recorded: {outcome}");
            }
        }));
        foreach (var list in gathered)
            latencies.AddRange(list);
    }

    private static async Task VerifyAndProofs(BenchSettings settings, StringBuilder table, TextWriter progress, CancellationToken ct)
    {
        const string database = "ledger_bench_verify";
        await Recreate(database, ct);
        // The host starts on an empty ledger (its schema applied by db-apply); the events are generated in bulk behind
        // it, as the owner (no service writes behind its own back), so nothing folds them at start-up. The backlog is
        // then sealed exactly as a start-up with sealing on would, as the service's role.
        await using var host = await Host(database, sealing: false);

        var n = settings.VerifyEvents;
        var watch = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(Owner(database)))
        {
            await connection.OpenAsync(ct);
            for (var from = 1; from <= n; from += 100_000)
            {
                var to = Math.Min(n, from + 99_999);
                await Execute(connection, $"""
                    insert into ledger.mt_streams (id, version, timestamp, created, tenant_id, is_archived)
                        select 'bench-' || i, 1, now(), now(), '*DEFAULT*', false from generate_series({from}, {to}) i;
                    insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id,
                                                  correlation_id, causation_id, user_name, headers)
                        select nextval('ledger.mt_events_sequence'), gen_random_uuid(), 'bench-' || i, 1,
                               jsonb_build_object('modelId', 'bench-' || i, 'name', 'Benchmark model ' || i || ' of the integrity benchmark, padded to a realistic size ' || repeat('x', 160)),
                               'model-registered.v1', now() + make_interval(secs => i / 1000000.0), '*DEFAULT*',
                               md5(i::text), 'bench-' || i, 'bench', 'null'::jsonb
                        from generate_series({from}, {to}) i;
                    """, ct);
                progress.WriteLine($"generated {to} of {n} events");
            }
        }

        var payload = await Scalar<decimal>(Ledger(database), "select avg(octet_length(data::text)) from ledger.mt_events", ct);
        progress.WriteLine($"generated {n} events in {watch.Elapsed.TotalSeconds:F0} s");

        watch.Restart();
        await host.Services.GetRequiredService<IntegrityStartup>().Prepare(adopt: true, ct);
        var sealing = watch.Elapsed;
        progress.WriteLine($"sealed {n} events in {sealing.TotalSeconds:F1} s");

        var verification = host.Services.GetRequiredService<LedgerVerification>();
        watch.Restart();
        var report = await verification.Run(ct);
        var verify = watch.Elapsed;
        if (!report.Ok || report.Checked != n)
            throw new InvalidOperationException($"verification of the generated log failed: {report}");
        progress.WriteLine($"verified {n} events in {verify.TotalSeconds:F1} s");

        var tree = host.Services.GetRequiredService<MerkleLog>();
        var random = new Random(42);
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            host.Services.GetRequiredService<LocalTokens>().Mint("integrity-bench", [Roles.Auditor], TimeSpan.FromMinutes(30)));
        await Get(client, "/api/ledger/checkpoint", ct);
        // A running service holds the whole log in memory (LedgerLog); the first proof request loads it, as a
        // start-up would, and is left out of the figures.
        watch.Restart();
        await Get(client, $"/api/ledger/proofs/inclusion?position={tree.PositionOf(0)}", ct);
        progress.WriteLine($"loaded the log into the service's memory in {watch.Elapsed.TotalSeconds:F1} s");
        var inclusion = new List<double>();
        var consistency = new List<double>();
        for (var i = 0; i < settings.Proofs; i++)
        {
            var size = random.NextInt64(1, n + 1);
            var position = tree.PositionOf(random.NextInt64(0, size));
            inclusion.Add(await Get(client, $"/api/ledger/proofs/inclusion?position={position}&size={size}", ct));
            var first = random.NextInt64(1, size + 1);
            consistency.Add(await Get(client, $"/api/ledger/proofs/consistency?from={first}&to={size}", ct));
        }

        var verifyConditions = $"{n:N0} events (model registrations, jsonb payload {payload:F0} B on average), one REPEATABLE READ snapshot, " +
                               "every leaf recomputed in C# from the row and compared, roots compared with the stored checkpoints";
        table.AppendLine($"| verify throughput | {n / verify.TotalSeconds:F0} events/s ({verify.TotalSeconds:F1} s for {n:N0}) | {verifyConditions} |");
        table.AppendLine($"| sealing a backlog | {n / sealing.TotalSeconds:F0} events/s ({sealing.TotalSeconds:F1} s) | the start-up adoption of an unsealed log (one INSERT ... SELECT merkle_leaf_hash(e)) and loading the {n:N0} leaves into the in-memory tree |");
        var proofConditions = $"{settings.Proofs} requests each, random position and sizes in a tree of {n:N0}, GET through the in-process test server " +
                              "(routing, JSON, problem checks; no sockets), tree held in memory";
        table.AppendLine($"| inclusion proof latency | p50 {Percentile(inclusion, 50):F3} ms, p99 {Percentile(inclusion, 99):F3} ms | {proofConditions} |");
        table.AppendLine($"| consistency proof latency | p50 {Percentile(consistency, 50):F3} ms, p99 {Percentile(consistency, 99):F3} ms | same |");
    }

    private static async Task<double> Get(HttpClient client, string path, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        return elapsed;
    }

    private static Task<IAlbaHost> Host(string database, bool sealing, bool timed = false) =>
        AlbaHost.For<Program>(web =>
        {
            if (timed)
                web.ConfigureServices(services =>
                {
                    var index = services.ToList().FindIndex(d => d.ServiceType == typeof(IRecordingStep) && d.ImplementationType == typeof(MerkleSealer));
                    services.AddSingleton<MerkleSealer>();
                    services.AddSingleton(provider => new TimedStep(provider.GetRequiredService<MerkleSealer>()));
                    services[index] = ServiceDescriptor.Singleton<IRecordingStep>(provider => provider.GetRequiredService<TimedStep>());
                });
            web.UseSetting("ConnectionStrings:Ledger", Ledger(database));
            web.UseSetting("Ledger:Demo", "false");
            web.UseSetting("Ledger:Integrity:Sealing", sealing ? "true" : "false");
            web.UseSetting("Ledger:Integrity:LeafVersion", LeafVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Ledger:Integrity:KeyFile", Path.Combine(Path.GetTempPath(), $"ledger-bench-{Environment.ProcessId}.key"));
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:Console:LogToStandardErrorThreshold", "Trace");
            web.UseSetting("Ledger:Auth:SigningKeyFile", Path.Combine(Path.GetTempPath(), $"ledger-bench-{Environment.ProcessId}", "token-key.pem"));
            web.UseSetting("Ledger:RateLimit:Enabled", "false");
        });

    private static string Ledger(string database) => TestRoles.In(TestRoles.Service, database);

    private static string Owner(string database) => TestRoles.In(TestRoles.Owner, database);

    private static string Superuser(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("LEDGER_BENCH_SUPERUSER")
                                          ?? throw new InvalidOperationException("set LEDGER_BENCH_SUPERUSER")) { Database = database, Pooling = false }.ConnectionString;

    /// <summary>A new database owned by the owner role, with the ledger's schema applied by the service's own db-apply, as the tests apply theirs.</summary>
    private static async Task Recreate(string database, CancellationToken ct)
    {
        var owner = new NpgsqlConnectionStringBuilder(Owner(database)).Username;
        await using (var connection = new NpgsqlConnection(Superuser("postgres")))
        {
            await connection.OpenAsync(ct);
            await Execute(connection, $"drop database if exists {database} with (force)", ct);
            await Execute(connection, $"create database {database} owner \"{owner}\"", ct);
        }

        await TestRoles.Apply(LedgerSchema.Default.Name, database);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> Scalar<T>(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Median(List<double> values) => Percentile(values, 50);

    private static double Percentile(List<double> values, double percent)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(percent / 100 * sorted.Count) - 1)];
    }
}
