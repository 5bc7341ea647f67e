using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>
/// Issue 7's rebuild: the interval read model built from scratch from the whole log, as a new deployment's start
/// does. With <c>--events</c> the history is generated into a schema of its own (kept and reused while it holds
/// the same size and seed, since appending a million events takes longer than rebuilding them); without it, an
/// existing schema is rebuilt.
/// </summary>
public sealed class RebuildCommand : AsyncCommand<RebuildCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--schema")]
        [Description("Schema of the ledger to rebuild (default: ledger, or bench_rebuild_EVENTS_SEED with --events)")]
        public string? Schema { get; init; }

        [CommandOption("--events")]
        [Description("Generate a history of this many events first (reused when already present)")]
        public int? Events { get; init; }

        [CommandOption("--seed")]
        [Description("Seed of the generated history (default: the number of events)")]
        public int? Seed { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var seed = settings.Seed ?? settings.Events ?? 0;
        var schema = settings.Schema ?? (settings.Events is { } n ? $"bench_rebuild_{n}_{seed}" : "ledger");
        await using var ledger = new BenchLedger(settings, schema);
        var report = new Report("Rebuild (issue 7)", settings);
        report.Line($"The access-interval read model of schema {schema} rebuilt from scratch in this process with the service's own code: " +
                    "the log read (LedgerLog), then folded fact by fact, every fact reconciled and its rows streamed into one COPY (AccessIntervalProjection.CatchUp), in one transaction. " +
                    "Fold + reconcile runs until the last fact is reconciled, with PostgreSQL storing and indexing the closed rows alongside; rows stored is the rest, until the rows still live are stored, " +
                    "committed and analysed. Peak working set sampled every 50 ms during the rebuild, after a full GC. " +
                    "Load average (1 min) of the machine before and after.");
        if (settings.Events is { } events)
            await Generate(ledger, events, seed, report);

        var load = LoadAverage();
        var rebuilt = await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("rebuild");
            return await ledger.Rebuild(new Progress<long>(p => task.Value = p), total => task.MaxValue = total);
        });
        report.Table("events", "interval rows", "log read (s)", "fold + reconcile (s)", "rows stored (s)", "fold + reconcile (ev/s)", "read to stored (ev/s)",
            "peak working set (MiB)", "load average before / after");
        report.Row(
            Number(rebuilt.Facts),
            Number(await ledger.IntervalRows()),
            Seconds(rebuilt.Read),
            Seconds(rebuilt.Reconciled),
            Seconds(rebuilt.Build - rebuilt.Reconciled),
            Number(rebuilt.Facts / rebuilt.Reconciled.TotalSeconds),
            Number(rebuilt.Facts / (rebuilt.Read + rebuilt.Build).TotalSeconds),
            Number(rebuilt.PeakWorkingSet / (1 << 20)),
            $"{load} / {LoadAverage()}");
        report.Write();
        return 0;
    }

    private static async Task Generate(BenchLedger ledger, int events, int seed, Report report)
    {
        var label = $"history of {events} events, seed {seed}";
        if (await ledger.Label() == label)
        {
            report.Line($"History reused: {label}.");
            return;
        }

        await ledger.Recreate();
        var append = await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var appending = progress.AddTask($"generate and append {events:N0}", maxValue: events);
            return await ledger.Append(new HistoryGenerator(seed).Generate(events), 1000, done => appending.Value = done);
        });
        await ledger.Label(label);
        report.Line($"History generated and appended: {label}, in {Seconds(append)} s.");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
}
