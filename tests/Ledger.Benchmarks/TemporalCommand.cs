using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>
/// Issue 3's benchmark: for histories of several sizes, the latency of an as-of matrix query at random
/// (asOf, position) beside the current-matrix query, measured in the same run against the real service.
/// Issue 15's: checks and histories at the head beside the same reads at past positions (just below the head, a
/// past <c>knownAt</c>, the deep past), and what the knowledge kept for past reads costs in memory.
/// </summary>
public sealed class TemporalCommand : AsyncCommand<TemporalCommand.Settings>
{
    /// <summary>
    /// Facts appended per transaction. Marten writes a transaction's events stream by stream, so every model and
    /// organisation is registered only after the first one: past reads are asked after it, where none is a 404.
    /// </summary>
    private const int AppendBatch = 1000;

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
        var past = new List<string[]>();
        var memory = new List<string[]>();
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
                append = await ledger.Append(generator.Generate(size), AppendBatch, done => appending.Value = done);
                var rebuilding = progress.AddTask($"rebuild {size:N0}", maxValue: size);
                (read, build, _, facts, _) = await ledger.Rebuild(new Progress<long>(p => rebuilding.Value = p));
            });

            var (kept, knownAts) = await KeptKnowledge(ledger, new Random(size));
            memory.Add([Number(size), $"{Number(kept.Kept)} (every {kept.Interval})", Mebibytes(kept.KeptBytes) + $" ({kept.KeptPerFact:N0} B/fact)",
                Mebibytes(kept.HeadBytes) + $" ({kept.HeadPerFact:N0} B/fact)"]);

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

            past.AddRange(await PastReads(client, generator, facts, knownAts, settings.Queries, random));
            memory[^1] = [.. memory[^1], Mebibytes(service.WorkingSet)];
        }

        report.Line("Past knowledge (issue 15): a check (`POST /api/access/check`, random model, organisation, class and asOf) and an organisation's " +
                    "history (`GET /api/organizations/{id}/history`, random organisation) at the head, at the position just below it, at the recorded " +
                    "time of a random past position (`knownAt`), and at a random position in the first 1 % of the log after the first thousand; same " +
                    "service, same run. " +
                    "p50 / p99 in ms; the ratio is each past p99 over the head's p99.");
        report.Table("events", "read", "head", "position head-1", "past knownAt", "deep past", "past / head p99 (below, knownAt, deep)");
        foreach (var row in past)
            report.Row(row);
        report.Line("Memory of the kept knowledge: the log read back and folded into a `KnowledgeTrail` in the benchmark's process, GC heap after a " +
                    "full compacting collection, with and without the kept knowledge (the facts themselves count in neither); the service's working set " +
                    "is read after all the queries above.");
        report.Table("events", "kept knowledge", "heap of the kept knowledge (MiB)", "heap of the head knowledge (MiB)", "service working set (MiB)");
        foreach (var row in memory)
            report.Row(row);

        report.Write();
        return 0;
    }

    /// <summary>Measures the kept knowledge's memory, and samples the recorded times of random past positions for <c>knownAt</c> reads.</summary>
    private static async Task<(KeptKnowledgeMemory Memory, IReadOnlyList<DateTimeOffset> KnownAts)> KeptKnowledge(BenchLedger ledger, Random random)
    {
        var facts = await ledger.Facts();
        var knownAts = Enumerable.Range(0, 1000).Select(_ => facts[random.Next(AppendBatch, facts.Count - 1)].RecordedAt).ToList();
        var memory = KeptKnowledgeMemory.Of(facts);
        return (memory, knownAts);
    }

    private static async Task<IEnumerable<string[]>> PastReads(
        HttpClient client, HistoryGenerator generator, long head, IReadOnlyList<DateTimeOffset> knownAts, int queries, Random random)
    {
        string Pick(IReadOnlyList<string> items) => items[random.Next(items.Count)];
        string Instant() => (generator.From + (generator.To - generator.From) * random.NextDouble()).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var coordinates = new Func<string>[]
        {
            () => "",
            () => $"position={head - 1}",
            () => "knownAt=" + Uri.EscapeDataString(knownAts[random.Next(knownAts.Count)].UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
            () => $"position={AppendBatch + random.NextInt64(1, Math.Max(2, head / 100))}",
        };
        var reads = new (string Name, Func<string, HttpRequestMessage> Request)[]
        {
            ("check", at => new HttpRequestMessage(HttpMethod.Post, $"/api/access/check?{at}")
            {
                Content = JsonContent.Create(new
                {
                    modelId = Pick(generator.Models), organizationId = Pick(generator.Organizations),
                    personClass = random.Next(2) == 0 ? "us-person" : "foreign-person", asOf = Instant(),
                }),
            }),
            ("history", at => new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{Pick(generator.Organizations)}/history?{at}")),
        };
        var rows = new List<string[]>();
        foreach (var (name, request) in reads)
        {
            var latencies = new List<Latency>();
            foreach (var at in coordinates)
                latencies.Add(await Latency.Of(client, queries, () => request(at())));
            var ratios = latencies.Skip(1).Select(l => (l.P99 / latencies[0].P99).ToString("F2", CultureInfo.InvariantCulture));
            rows.Add([Number(head), name, .. latencies.Select(l => $"{l.Median:F2} / {l.P99:F2}"), string.Join(", ", ratios)]);
        }

        return rows;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);

    private static Task<Latency> Measure(HttpClient client, int queries, Func<string> path) =>
        Latency.Of(client, queries, () => new HttpRequestMessage(HttpMethod.Get, path()));
}
