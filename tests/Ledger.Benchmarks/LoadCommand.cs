using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
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
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        const string schema = "bench_load";
        await using (var ledger = new BenchLedger(settings.ConnectionString, schema))
            await ledger.Recreate();
        var clients = settings.Clients.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var duration = TimeSpan.FromSeconds(settings.Seconds);

        var started = Stopwatch.StartNew();
        await using var service = await LedgerService.Start(settings.ConnectionString, schema, settings.Port);
        var ready = started.Elapsed;
        using var http = LedgerService.Client(service.Address);
        var first = Stopwatch.StartNew();
        (await http.PostAsJsonAsync("/api/models", new { modelId = "model-a", name = "Model A" })).EnsureSuccessStatusCode();
        var firstWrite = first.Elapsed;
        first.Restart();
        (await http.GetAsync("/api/access-matrix")).EnsureSuccessStatusCode();
        var firstRead = first.Elapsed;
        var peakAtStart = service.PeakWorkingSet;

        const int organizations = 64;
        for (var o = 0; o < organizations; o++)
            (await http.PostAsJsonAsync("/api/organizations", new { organizationId = $"org-{o:D3}", name = $"Org {o}", country = "US", usPersonEntity = true, sectors = Array.Empty<string>() }))
                .EnsureSuccessStatusCode();

        var report = new Report("Load (issue 7)", settings);
        report.Line($"The service in Production configuration (Release build, dynamic Wolverine code) in its own process; HTTP/1.1 over loopback; one HttpClient per client; each level runs {settings.Seconds} s after a 1 s warm-up. " +
                    "pgbench: single-row INSERT into an unindexed table, synchronous_commit on, same server, same concurrency (-j up to 2).");
        report.Line($"Start to ready: {ready.TotalMilliseconds:F0} ms; first write after start {firstWrite.TotalMilliseconds:F0} ms; first matrix read {firstRead.TotalMilliseconds:F0} ms.");
        report.Table("scenario", "clients", "throughput (/s)", "p50 (ms)", "p99 (ms)", "ratio to pgbench");
        var sequence = 0;
        foreach (var n in clients)
        {
            var pgbench = await PgBench.Run(settings.ConnectionString, n, settings.Seconds);
            var writes = await Drive(service.Address, n, duration, async (client, worker) =>
            {
                var id = Interlocked.Increment(ref sequence);
                var organization = $"org-{(worker + id * 7) % organizations:D3}";
                var body = id % 2 == 0
                    ? (object)new { suspensionId = $"S-{id}", modelId = "model-a", organizationId = organization, personClasses = new[] { "foreign-person" }, effectiveAt = "2026-01-01T00:00:00Z", reason = "load" }
                    : new { restorationId = $"R-{id}", modelId = "model-a", organizationId = organization, personClasses = new[] { "foreign-person" }, effectiveAt = "2026-01-01T00:00:00Z" };
                using var response = await client.PostAsJsonAsync(id % 2 == 0 ? "/api/access/suspensions" : "/api/access/restorations", body);
                response.EnsureSuccessStatusCode();
            });
            report.Row("write command", n.ToString(CultureInfo.InvariantCulture), $"{writes.Throughput:N0}", $"{writes.Latency.Median:F2}", $"{writes.Latency.P99:F2}",
                $"{writes.Throughput / pgbench.Tps:P0} of {pgbench.Tps:N0} TPS");
        }

        foreach (var n in clients)
        {
            var checks = await Drive(service.Address, n, duration, async (client, worker) =>
            {
                var body = new { modelId = "model-a", organizationId = $"org-{Random.Shared.Next(organizations):D3}", personClass = "foreign-person" };
                using var response = await client.PostAsJsonAsync("/api/access/check", body);
                response.EnsureSuccessStatusCode();
            });
            report.Row("access check", n.ToString(CultureInfo.InvariantCulture), $"{checks.Throughput:N0}", $"{checks.Latency.Median:F2}", $"{checks.Latency.P99:F2}", "");
        }

        var annex = await ImportAnnex(http, service.Address, settings.Vettings);
        report.Row($"annex of {settings.Vettings:N0} vettings", "16", $"{settings.Vettings / annex.TotalSeconds:N0}", "", "", $"{annex.TotalSeconds:F1} s in all");
        report.Line($"Peak working set of the service: {peakAtStart / (1 << 20):N0} MiB after start, {service.PeakWorkingSet / (1 << 20):N0} MiB at the end.");
        report.Write();
        return 0;
    }

    private static async Task<TimeSpan> ImportAnnex(HttpClient http, Uri address, int count)
    {
        (await http.PostAsJsonAsync("/api/directives", new
        {
            directiveId = "D-annex", reference = "annex", issuer = "BIS", authorities = new[] { "15 CFR 744.22" }, kind = "letter", channel = "email",
            confidential = false, scope = new { models = new[] { "model-a" }, persons = "foreign-persons", activities = Array.Empty<string>() },
            effectiveAt = "2026-02-01T00:00:00Z", receivedAt = "2026-02-01T00:00:00Z", receivedTimeZone = "UTC", documents = Array.Empty<object>(),
        })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/directives/D-annex/easings", new
        {
            easingId = "E-annex", models = new[] { "model-a" }, coversListedOrganizations = true, coversAddresseeForeignEmployees = false, conditions = Array.Empty<string>(),
            effectiveAt = "2026-02-02T00:00:00Z", receivedAt = "2026-02-02T00:00:00Z", receivedTimeZone = "UTC", documents = Array.Empty<object>(),
        })).EnsureSuccessStatusCode();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var client = LedgerService.Client(address);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await client.PostAsJsonAsync($"/api/organizations/org-{i % 64:D3}/vettings", new
                {
                    vettingId = $"V-{i}", easingId = "E-annex", outcome = "approved", vettedBy = "compliance", criteria = new[] { "annex" },
                    effectiveAt = DateTimeOffset.Parse("2026-02-03T00:00:00Z", CultureInfo.InvariantCulture).AddSeconds(i),
                });
                response.EnsureSuccessStatusCode();
            }
        }));
        return watch.Elapsed;
    }

    private sealed record Run(double Throughput, Latency Latency);

    /// <summary>N clients in a closed loop for the duration, after a one-second warm-up whose samples are dropped.</summary>
    private static async Task<Run> Drive(Uri address, int clients, TimeSpan duration, Func<HttpClient, int, Task> request)
    {
        var latency = new Latency();
        var gate = new object();
        var measuring = Stopwatch.StartNew();
        var warmUp = TimeSpan.FromSeconds(1);
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            using var client = LedgerService.Client(address);
            while (measuring.Elapsed < warmUp + duration)
            {
                var watch = Stopwatch.StartNew();
                await request(client, worker);
                if (measuring.Elapsed <= warmUp)
                    continue;
                lock (gate)
                {
                    latency.Add(watch.Elapsed);
                    count++;
                }
            }
        }));
        return new Run(count / duration.TotalSeconds, latency);
    }
}
