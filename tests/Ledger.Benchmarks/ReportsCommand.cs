using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>
/// Issue 15's report targets: a matrix report of one model over many organisations (10,000 by default) in a ledger of
/// 100,000 facts, as the signed JSON evidence pack (under 1 s) and as PDF (under 5 s), beside the plain matrix read of
/// the same cells in the same run against the same service.
/// </summary>
public sealed class ReportsCommand : AsyncCommand<ReportsCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--facts")]
        [Description("Facts in the generated history")]
        [DefaultValue(100_000)]
        public int Facts { get; init; } = 100_000;

        [CommandOption("--organizations")]
        [Description("Organisations registered in it")]
        [DefaultValue(10_000)]
        public int Organizations { get; init; } = 10_000;

        [CommandOption("--queries")]
        [Description("Measured reports per format")]
        [DefaultValue(10)]
        public int Queries { get; init; } = 10;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var report = new Report("Reports (issue 15)", settings);
        var generator = new HistoryGenerator(seed: settings.Facts, organizations: settings.Organizations);
        await using var ledger = new BenchLedger(settings, $"bench_reports_{settings.Facts}_{settings.Organizations}");
        await ledger.Recreate();
        long facts = 0;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var appending = progress.AddTask($"append {settings.Facts:N0}", maxValue: settings.Facts);
            await ledger.Append(generator.Generate(settings.Facts), 1000, done => appending.Value = done);
            var rebuilding = progress.AddTask($"rebuild {settings.Facts:N0}", maxValue: settings.Facts);
            (_, _, _, facts, _) = await ledger.Rebuild(new Progress<long>(p => rebuilding.Value = p));
        });

        // A ledger loaded behind the service's back is sealed once when the service starts (adoption), as an upgrade would be.
        await using var service = await LedgerService.Start(settings.ConnectionString, ledger.Schema.Name, settings.Port, "--Ledger:Feed:Publish=false");
        using var client = LedgerService.Client(service.Address);
        client.Timeout = TimeSpan.FromMinutes(5);
        var model = generator.Models[0];
        var query = $"modelId={model}&asOf={generator.To.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
        HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

        var read = await Latency.Of(client, settings.Queries, () => Get($"/api/access-matrix?{query}"), warmUps: 2);
        var json = await Latency.Of(client, settings.Queries, () => Get($"/api/reports/access-matrix?{query}&format=json"), warmUps: 2);
        var pdf = await Latency.Of(client, settings.Queries, () => Get($"/api/reports/access-matrix?{query}&format=pdf"), warmUps: 1);

        var cells = 2 * (settings.Organizations + 1);
        report.Line($"History: {facts:N0} facts generated through the admission rules, 20 models, {settings.Organizations:N0} organisations; one model's " +
                    $"matrix ({cells:N0} cells) at the end of the history, over loopback HTTP to the service in Production configuration, one client, " +
                    $"{settings.Queries} measured requests each after warm-up. The report and the read are answered from the same read model.");
        report.Table("request", "p50 (ms)", "p99 (ms)", "p50 / read p50", "answer (KiB)", "target");
        report.Row("matrix read (baseline)", $"{read.Median:F0}", $"{read.P99:F0}", "1.00", $"{read.Bytes / 1024:N0}", "");
        report.Row("report, json (signed evidence pack)", $"{json.Median:F0}", $"{json.P99:F0}", $"{json.Median / read.Median:F2}", $"{json.Bytes / 1024:N0}",
            json.P99 < 1000 ? "< 1 s: met" : "< 1 s: NOT met");
        report.Row("report, pdf", $"{pdf.Median:F0}", $"{pdf.P99:F0}", $"{pdf.Median / read.Median:F2}", $"{pdf.Bytes / 1024:N0}",
            pdf.P99 < 5000 ? "< 5 s: met" : "< 5 s: NOT met");
        report.Write();
        return 0;
    }
}
