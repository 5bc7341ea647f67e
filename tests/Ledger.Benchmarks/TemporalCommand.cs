using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>
/// Issue 3's benchmark: for histories of several sizes, the latency of an as-of matrix query at random
/// (asOf, position) beside the current-matrix query, measured in the same run against the real service.
/// </summary>
public sealed class TemporalCommand : AsyncCommand<TemporalCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--sizes")]
        [Description("History sizes in events, comma-separated")]
        [DefaultValue("10000,100000")]
        public string Sizes { get; init; } = "10000,100000";

        [CommandOption("--queries")]
        [Description("Measured queries per kind and size")]
        [DefaultValue(400)]
        public int Queries { get; init; } = 400;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var report = new Report("Temporal reads (issue 3)", settings);
        report.Line("History: 20 models, 200 organisations (8,040 matrix cells), generated through the admission rules; " +
                    "queries over loopback HTTP to the service in Production configuration, one client, after 50 warm-up queries each.");
        report.Line("Matrix queries are per model (402 cells each), as a regulator asks \"who could use model X\"; a full 8,040-cell matrix is reported once per size.");
        report.Table("events", "append (ev/s)", "rebuild (ev/s)", "interval rows", "current p50 / p99 (ms)", "as-of p50 / p99 (ms)", "as-of / current (p50, p99)", "full matrix as-of p50 (ms)");
        foreach (var size in settings.Sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
        {
            var schema = $"bench_temporal_{size}";
            var generator = new HistoryGenerator(seed: size);
            await using var ledger = new BenchLedger(settings, schema);
            await ledger.Recreate();

            TimeSpan append = default, read = default, build = default;
            long facts = 0;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var appending = progress.AddTask($"append {size:N0}", maxValue: size);
                append = await ledger.Append(generator.Generate(size), 1000, done => appending.Value = done);
                var rebuilding = progress.AddTask($"rebuild {size:N0}", maxValue: size);
                (read, build, _, facts, _) = await ledger.Rebuild(new Progress<long>(p => rebuilding.Value = p));
            });

            // The history was bulk-loaded without feed envelopes; this run measures reads, so the instance does not publish.
            await using var service = await LedgerService.Start(settings.ConnectionString, schema, settings.Port, "--Ledger:Feed:Publish=false");
            using var client = LedgerService.Client(service.Address);
            var random = new Random(7);
            string Model() => generator.Models[random.Next(generator.Models.Count)];
            string Instant() => (generator.From + (generator.To - generator.From) * random.NextDouble()).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

            var current = await Measure(client, settings.Queries, () => $"/api/access-matrix?modelId={Model()}");
            var asOf = await Measure(client, settings.Queries, () => $"/api/access-matrix?modelId={Model()}&asOf={Instant()}&position={random.NextInt64(1, facts + 1)}");
            var full = await Measure(client, Math.Max(20, settings.Queries / 20), () => $"/api/access-matrix?asOf={Instant()}&position={random.NextInt64(1, facts + 1)}");
            report.Row(
                size.ToString("N0", CultureInfo.InvariantCulture),
                (facts / append.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture),
                (facts / build.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) + $" (log read {read.TotalSeconds:F1} s, build {build.TotalSeconds:F1} s)",
                (await ledger.IntervalRows()).ToString("N0", CultureInfo.InvariantCulture),
                $"{current.Median:F2} / {current.P99:F2}",
                $"{asOf.Median:F2} / {asOf.P99:F2}",
                $"{asOf.Median / current.Median:F2}, {asOf.P99 / current.P99:F2}",
                $"{full.Median:F1}");
        }

        report.Write();
        return 0;
    }

    private static async Task<Latency> Measure(HttpClient client, int queries, Func<string> path)
    {
        for (var i = 0; i < 50; i++)
            (await client.GetAsync(path())).EnsureSuccessStatusCode();
        var latency = new Latency();
        for (var i = 0; i < queries; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path());
            await response.Content.ReadAsByteArrayAsync();
            latency.Add(watch.Elapsed);
            response.EnsureSuccessStatusCode();
        }

        return latency;
    }
}
