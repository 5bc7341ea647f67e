using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>
/// Issue 7's steady load: access checks as fast as the checking clients go and writes at a fixed rate, for
/// minutes, sampling the service's working set, so a leak shows as a rising line rather than a single number.
/// The service holds the whole ledger in memory (the knowledge every decision reads), so the writes are paced:
/// the working set may grow with the facts written, and the report gives both to tell one from the other.
/// </summary>
public sealed class SoakCommand : AsyncCommand<SoakCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--minutes")]
        [Description("Length of the steady load")]
        [DefaultValue(10)]
        public int Minutes { get; init; } = 10;

        [CommandOption("--checkers")]
        [Description("Clients checking access in a closed loop")]
        [DefaultValue(8)]
        public int Checkers { get; init; } = 8;

        [CommandOption("--writes-per-second")]
        [Description("Paced rate of write commands (0: checks only)")]
        [DefaultValue(50)]
        public int WritesPerSecond { get; init; } = 50;

        [CommandOption("--sample-seconds")]
        [Description("Interval between samples of the working set")]
        [DefaultValue(60)]
        public int SampleSeconds { get; init; } = 60;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        const string schema = "bench_soak";
        await using (var ledger = new BenchLedger(settings, schema))
            await ledger.Recreate();
        await using var service = await LedgerService.Start(settings.ConnectionString, schema, settings.Port);
        using var http = LedgerService.Client(service.Address);
        await LoadScenario.Prepare(http);

        var report = new Report("Soak (issue 7)", settings);
        report.Line($"{settings.Checkers} clients checking access in a closed loop and {settings.WritesPerSecond} write commands per second (suspensions and " +
                    $"restorations) for {settings.Minutes} min, over loopback HTTP against the service in Production configuration. " +
                    "Working set: the service's resident memory (VmRSS) at each sample; peak: its high-water mark (VmHWM).");
        report.Line(await ServerSettings.Describe(settings.ConnectionString));
        report.Table("minute", "checks (/s)", "writes (/s)", "working set (MiB)", "peak working set (MiB)");
        report.Row("0", "", "", $"{service.WorkingSet / (1 << 20):N0}", $"{service.PeakWorkingSet / (1 << 20):N0}");

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(settings.Minutes));
        long checks = 0, writes = 0;
        var checking = Enumerable.Range(0, settings.Checkers).Select(async _ =>
        {
            using var client = LedgerService.Client(service.Address);
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.PostAsJsonAsync("/api/access/check", LoadScenario.Check());
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref checks);
            }
        }).ToList();
        var writing = settings.WritesPerSecond <= 0 ? Task.CompletedTask : Task.Run(async () =>
        {
            using var client = LedgerService.Client(service.Address);
            using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / settings.WritesPerSecond));
            var id = 0;
            while (await Ticked(pace, stop.Token))
            {
                var (path, body) = LoadScenario.Write(++id);
                using var response = await client.PostAsJsonAsync(path, body);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref writes);
            }
        });

        using var sampling = new PeriodicTimer(TimeSpan.FromSeconds(settings.SampleSeconds));
        var clock = Stopwatch.StartNew();
        var (lastChecks, lastWrites, lastAt) = (0L, 0L, TimeSpan.Zero);
        void Sample()
        {
            var (c, w, at) = (Interlocked.Read(ref checks), Interlocked.Read(ref writes), clock.Elapsed);
            var seconds = (at - lastAt).TotalSeconds;
            report.Row(at.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture), $"{(c - lastChecks) / seconds:N0}", $"{(w - lastWrites) / seconds:N0}",
                $"{service.WorkingSet / (1 << 20):N0}", $"{service.PeakWorkingSet / (1 << 20):N0}");
            (lastChecks, lastWrites, lastAt) = (c, w, at);
        }

        while (await Ticked(sampling, stop.Token))
            Sample();
        await Task.WhenAll([.. checking, writing]);
        if (clock.Elapsed - lastAt >= TimeSpan.FromSeconds(1))
            Sample();
        report.Line($"{Interlocked.Read(ref checks):N0} checks and {Interlocked.Read(ref writes):N0} writes in all.");
        report.Write();
        return 0;
    }

    private static async Task<bool> Ticked(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
