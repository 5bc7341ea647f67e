using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>
/// Issue 7's in-process figure: the pure work of <c>POST /api/access/check</c> once its read is resolved (the
/// model and organisation lookups, then <see cref="AccessSemantics.Evaluate"/>) over a generated history folded
/// into <see cref="LedgerKnowledge"/>, without HTTP, JSON or the database.
/// </summary>
/// <remarks>
/// A Stopwatch loop rather than BenchmarkDotNet: the issue asks for the p99 of single checks, and BenchmarkDotNet
/// times batches of invocations, so its percentiles are of batch means. Timing one call costs two timestamp
/// reads (tens of nanoseconds), small beside the microseconds measured.
/// </remarks>
public sealed class CheckCommand : Command<CheckCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--facts")]
        [Description("Size of the generated history folded into the knowledge")]
        [DefaultValue(100000)]
        public int Facts { get; init; } = 100000;

        [CommandOption("--checks")]
        [Description("Measured checks per scenario")]
        [DefaultValue(200000)]
        public int Checks { get; init; } = 200000;

        [CommandOption("--warm-up")]
        [Description("Seconds of warm-up before each scenario, so tiered compilation has reached its final code")]
        [DefaultValue(3)]
        public int WarmUpSeconds { get; init; } = 3;
    }

    private sealed record Question(string ModelId, string OrganizationId, PersonClass PersonClass, DateTimeOffset? AsOf);

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var generator = new HistoryGenerator(seed: settings.Facts);
        var known = LedgerKnowledge.Fold(generator.Generate(settings.Facts));
        var now = DateTimeOffset.UtcNow;
        var random = new Random(7);
        Question Ask(bool asOf) => new(
            generator.Models[random.Next(generator.Models.Count)],
            // One question in ten names an organisation that is not registered, answered from the * row.
            random.Next(10) == 0 ? $"unregistered-{random.Next(1000)}" : generator.Organizations[random.Next(generator.Organizations.Count)],
            (PersonClass)random.Next(3),
            asOf ? generator.From + (generator.To - generator.From) * random.NextDouble() : null);

        var report = new Report("Check in process (issue 7)", settings);
        report.Line($"History: {known.Position:N0} facts from the benchmark's generator (20 models, 200 organisations), folded into one LedgerKnowledge. " +
                    $"Each check looks up the model and organisation and evaluates the cell as CheckEndpoint does; questions are random over models, organisations " +
                    $"(one in ten unregistered) and the three person classes. One thread, {settings.WarmUpSeconds} s warm-up, then {settings.Checks:N0} checks timed one by one. " +
                    $"Load average at the start: {LoadAverage()}.");
        report.Table("scenario", "checks/s", "p50 (us)", "p99 (us)", "max (us)");
        foreach (var (name, asOf) in new[] { ("as of now", false), ("as of a random instant", true) })
        {
            var questions = Enumerable.Range(0, 4096).Select(_ => Ask(asOf)).ToArray();
            var warm = Stopwatch.StartNew();
            for (var i = 0; warm.Elapsed.TotalSeconds < settings.WarmUpSeconds; i++)
                Check(known, questions[i % questions.Length], now);

            var latency = new Latency();
            var total = Stopwatch.StartNew();
            for (var i = 0; i < settings.Checks; i++)
            {
                var started = Stopwatch.GetTimestamp();
                Check(known, questions[i % questions.Length], now);
                latency.Add(Stopwatch.GetElapsedTime(started));
            }

            total.Stop();
            report.Row(name, (settings.Checks / total.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture),
                Micro(latency.Median), Micro(latency.P99), Micro(latency.Percentile(1)));
        }

        report.Line($"Load average at the end: {LoadAverage()}.");
        report.Write();
        return 0;
    }

    /// <summary>What CheckEndpoint does between resolving its read and writing the answer.</summary>
    private static Verdict? Check(LedgerKnowledge known, Question question, DateTimeOffset now)
    {
        if (known.Find<ModelRegistered>(question.ModelId) is null)
            return null;
        var row = known.Find<OrganizationRegistered>(question.OrganizationId) is null ? FactIds.Everyone : question.OrganizationId;
        return AccessSemantics.Evaluate(known, question.ModelId, row, question.PersonClass, question.AsOf ?? now);
    }

    private static string Micro(double milliseconds) => (milliseconds * 1000).ToString("F1", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
