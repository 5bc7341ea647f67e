using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>
/// Issue 7's load scenarios against the service in its production configuration: write commands and access
/// checks over HTTP at rising concurrency, pgbench single-row inserts on the same PostgreSQL at the same
/// concurrency as the physical baseline, an annex of vettings, and the first request after start.
/// </summary>
public sealed class LoadCommand : AsyncCommand<LoadCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--clients")]
        [Description("Concurrency levels, comma-separated")]
        [DefaultValue("1,4,16,64")]
        public string Clients { get; init; } = "1,4,16,64";

        [CommandOption("--seconds")]
        [Description("Seconds per scenario and concurrency level")]
        [DefaultValue(10)]
        public int Seconds { get; init; } = 10;

        [CommandOption("--vettings")]
        [Description("Size of the annex imported as vettings")]
        [DefaultValue(10000)]
        public int Vettings { get; init; } = 10000;

        [CommandOption("--annex-clients")]
        [Description("Concurrent clients importing the annex")]
        [DefaultValue(64)]
        public int AnnexClients { get; init; } = 64;

        [CommandOption("--scenarios")]
        [Description("Scenarios to run, comma-separated: writes, checks, annex")]
        [DefaultValue("writes,checks,annex")]
        public string Scenarios { get; init; } = "writes,checks,annex";

        public bool Runs(string scenario) => Scenarios.Split(',').Contains(scenario, StringComparer.OrdinalIgnoreCase);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        const string schema = "bench_load";
        await using (var ledger = new BenchLedger(settings, schema))
            await ledger.Recreate();
        var clients = settings.Clients.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var duration = TimeSpan.FromSeconds(settings.Seconds);

        var started = Stopwatch.StartNew();
        await using var service = await LedgerService.Start(settings.ConnectionString, schema, settings.Port);
        var ready = started.Elapsed;
        using var http = LedgerService.Client(service.Address);
        var first = Stopwatch.StartNew();
        (await http.PostAsJsonAsync("/api/models", new { modelId = "model-first", name = "First" })).EnsureSuccessStatusCode();
        var firstWrite = first.Elapsed;
        first.Restart();
        (await http.GetAsync("/api/access-matrix")).EnsureSuccessStatusCode();
        var firstRead = first.Elapsed;
        var peakAtStart = service.PeakWorkingSet;

        await LoadScenario.Prepare(http);

        var postgres = await PostgresCpu.Of(settings.ConnectionString);
        var report = new Report("Load (issue 7)", settings);
        report.Line($"The service in Production configuration (Release build, pre-generated Wolverine code) in its own process; HTTP/1.1 over loopback; one HttpClient per client; each level runs {settings.Seconds} s after a 1 s warm-up. " +
                    "pgbench: single-row INSERT into an unindexed table, synchronous_commit on, same server, same concurrency (-j up to 2).");
        report.Line(await ServerSettings.Describe(settings.ConnectionString));
        report.Line($"Start to ready: {ready.TotalMilliseconds:F0} ms; first write after start {firstWrite.TotalMilliseconds:F0} ms; first matrix read {firstRead.TotalMilliseconds:F0} ms.");
        report.Line("CPU per request: processor time of the service, of the load generator and of PostgreSQL (all its processes) over a level (warm-up included), divided by every request of it; " +
                    "for pgbench, PostgreSQL's time per committed transaction. " +
                    "It is the figure least moved by the other work on the machine; throughput and latency are shared with it. Load average (1 min) when each level started.");
        report.Table("scenario", "clients", "throughput (/s)", "p50 (ms)", "p99 (ms)", "ratio to pgbench", "service CPU (us/req)", "generator CPU (us/req)", "PostgreSQL CPU (us/req)",
            "load average", "peak working set (MiB)");
        var sequence = 0;
        foreach (var n in settings.Runs("writes") ? clients : [])
        {
            await Analyze(settings.OwnerConnectionString);
            var before = postgres?.Total;
            var pgbench = await PgBench.Run(settings.ConnectionString, settings.OwnerConnectionString, n, settings.Seconds);
            var pgbenchCpu = postgres?.Total - before is { } spent ? $", PostgreSQL {spent.TotalMicroseconds / (pgbench.Tps * settings.Seconds):F0} us/tx" : "";
            var writes = await Drive(service, postgres, n, duration, async client =>
            {
                var id = Interlocked.Increment(ref sequence);
                var (path, body) = LoadScenario.Write(id);
                using var response = await client.PostAsJsonAsync(path, body);
                response.EnsureSuccessStatusCode();
            });
            report.Row("write command", n.ToString(CultureInfo.InvariantCulture), $"{writes.Throughput:N0}", $"{writes.Latency.Median:F2}", $"{writes.Latency.P99:F2}",
                $"{writes.Throughput / pgbench.Tps:P0} of {pgbench.Tps:N0} TPS{pgbenchCpu}", $"{writes.ServiceCpu:F0}", $"{writes.GeneratorCpu:F0}", $"{writes.PostgresCpu:F0}",
                writes.LoadAverage, Peak(service));
        }

        // Serialised once: the generator shares the two cores with the service, so it spends them on sending, not on JSON.
        var checkBodies = Enumerable.Range(0, 1024).Select(_ => JsonSerializer.SerializeToUtf8Bytes(LoadScenario.Check())).ToArray();
        foreach (var n in settings.Runs("checks") ? clients : [])
        {
            var checks = await Drive(service, postgres, n, duration, async client =>
            {
                using var body = new ByteArrayContent(checkBodies[Random.Shared.Next(checkBodies.Length)]) { Headers = { ContentType = Json } };
                using var response = await client.PostAsync("/api/access/check", body);
                response.EnsureSuccessStatusCode();
            });
            report.Row("access check", n.ToString(CultureInfo.InvariantCulture), $"{checks.Throughput:N0}", $"{checks.Latency.Median:F2}", $"{checks.Latency.P99:F2}", "",
                $"{checks.ServiceCpu:F0}", $"{checks.GeneratorCpu:F0}", $"{checks.PostgresCpu:F0}", checks.LoadAverage, Peak(service));
        }

        if (settings.Runs("annex"))
        {
            var (whole, oneByOne) = await ImportAnnex(http, service.Address, settings.Vettings, settings.AnnexClients);
            report.Row($"annex of {settings.Vettings:N0} vettings, one request", "1", $"{settings.Vettings / whole.TotalSeconds:N0}", "", "",
                $"{whole.TotalSeconds:F1} s in all", "", "", "", "", Peak(service));
            report.Row($"{settings.Vettings:N0} vettings, one request each", settings.AnnexClients.ToString(CultureInfo.InvariantCulture),
                $"{settings.Vettings / oneByOne.TotalSeconds:N0}", "", "", $"{oneByOne.TotalSeconds:F1} s in all", "", "", "", "", Peak(service));
        }

        report.Line($"Peak working set of the service: {peakAtStart / (1 << 20):N0} MiB after start, {service.PeakWorkingSet / (1 << 20):N0} MiB at the end.");
        report.Write();
        return 0;
    }

    /// <summary>
    /// Brings the planner's statistics up to date, as autovacuum does for a ledger in service (once a table has grown
    /// by a tenth). Without them a table the run has just filled looks empty to the planner, which may then scan it
    /// whole where an index would answer: a cost no ledger in service pays. As the owner: ANALYZE skips the tables a
    /// role does not own, and the service's role owns none.
    /// </summary>
    private static async Task Analyze(string connectionString)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var analyze = dataSource.CreateCommand("analyze");
        await analyze.ExecuteNonQueryAsync();
    }

    private static string Peak(LedgerService service) => $"{service.PeakWorkingSet / (1 << 20):N0}";

    /// <summary>
    /// The same annex twice, on two models so that neither import finds the other's work done: first as annex
    /// requests (POST /api/easings/{id}/annex, all or nothing, at most <see cref="AnnexRequestSize"/> entries each so
    /// a request stays under the 1 MiB body limit), then as one vetting request per organisation from many clients.
    /// </summary>
    private static async Task<(TimeSpan Whole, TimeSpan OneByOne)> ImportAnnex(HttpClient http, Uri address, int count, int clients)
    {
        string[] models = [LoadScenario.Model(0), LoadScenario.Model(1)];
        (await http.PostAsJsonAsync("/api/directives", new
        {
            directiveId = "D-annex", reference = "annex", issuer = "BIS", authorities = new[] { "15 CFR 744.22" }, kind = "letter", channel = "email",
            confidential = false, scope = new { models, persons = "foreign-persons", activities = Array.Empty<string>() },
            effectiveAt = "2026-02-01T00:00:00Z", receivedAt = "2026-02-01T00:00:00Z", receivedTimeZone = "UTC", documents = Array.Empty<object>(),
        })).EnsureSuccessStatusCode();
        foreach (var (model, easing) in models.Zip(["E-annex", "E-each"]))
            (await http.PostAsJsonAsync("/api/directives/D-annex/easings", new
            {
                easingId = easing, models = new[] { model }, coversListedOrganizations = true, coversAddresseeForeignEmployees = false, conditions = Array.Empty<string>(),
                effectiveAt = "2026-02-02T00:00:00Z", receivedAt = "2026-02-02T00:00:00Z", receivedTimeZone = "UTC", documents = Array.Empty<object>(),
            })).EnsureSuccessStatusCode();

        // An annex names organisations that are each vetted once; they are registered first, outside the timing.
        var organizations = Enumerable.Range(1, count).Select(i => $"annex-{i:D5}").ToList();
        await ForEach(address, clients, count, (client, i) => client.PostAsJsonAsync("/api/organizations", LoadScenario.Registration(organizations[i])));

        var annexes = organizations.Index().Chunk(AnnexRequestSize).Select(chunk => JsonSerializer.SerializeToUtf8Bytes(new
        {
            vettedBy = "compliance", criteria = new[] { "annex" }, effectiveAt = "2026-02-03T00:00:00Z",
            vettings = chunk.Select(o => new { organizationId = o.Item, vettingId = $"V-annex-{o.Index}", outcome = "approved" }),
        })).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var annex in annexes)
        {
            using var body = new ByteArrayContent(annex) { Headers = { ContentType = Json } };
            using var response = await http.PostAsync("/api/easings/E-annex/annex", body);
            response.EnsureSuccessStatusCode();
        }

        var whole = watch.Elapsed;
        watch.Restart();
        await ForEach(address, clients, count, (client, i) => client.PostAsJsonAsync($"/api/organizations/{organizations[i]}/vettings", new
        {
            vettingId = $"V-each-{i}", easingId = "E-each", outcome = "approved", vettedBy = "compliance", criteria = new[] { "annex" },
            effectiveAt = "2026-02-03T00:00:00Z",
        }));
        return (whole, watch.Elapsed);
    }

    private const int AnnexRequestSize = 10_000;

    /// <summary>Sends request 0..count-1 from a number of clients, each taking the next request when its last one is answered.</summary>
    private static async Task ForEach(Uri address, int clients, int count, Func<HttpClient, int, Task<HttpResponseMessage>> request)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = LedgerService.Client(address);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await request(client, i);
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private sealed record Run(double Throughput, Latency Latency, double ServiceCpu, double GeneratorCpu, double? PostgresCpu, string LoadAverage);

    /// <summary>N clients in a closed loop for the duration, after a one-second warm-up whose samples are dropped.</summary>
    private static async Task<Run> Drive(LedgerService service, PostgresCpu? postgres, int clients, TimeSpan duration, Func<HttpClient, Task> request)
    {
        var latency = new Latency();
        var gate = new object();
        var loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "";
        var serviceCpu = service.ProcessorTime;
        var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var postgresCpu = postgres?.Total;
        var measuring = Stopwatch.StartNew();
        var warmUp = TimeSpan.FromSeconds(1);
        var count = 0;
        var all = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = LedgerService.Client(service.Address);
            while (measuring.Elapsed < warmUp + duration)
            {
                var watch = Stopwatch.StartNew();
                await request(client);
                Interlocked.Increment(ref all);
                if (measuring.Elapsed <= warmUp)
                    continue;
                lock (gate)
                {
                    latency.Add(watch.Elapsed);
                    count++;
                }
            }
        }));
        double PerRequest(TimeSpan cpu) => cpu.TotalMicroseconds / Math.Max(1, all);
        return new Run(count / duration.TotalSeconds, latency, PerRequest(service.ProcessorTime - serviceCpu),
            PerRequest(Process.GetCurrentProcess().TotalProcessorTime - generatorCpu), postgres?.Total - postgresCpu is { } spent ? PerRequest(spent) : null, loadAverage);
    }
}
