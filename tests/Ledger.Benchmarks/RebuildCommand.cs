using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

/// <summary>Rebuilds the interval read model of a ledger already in the database, from scratch, and reports events per second.</summary>
public sealed class RebuildCommand : AsyncCommand<RebuildCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--schema")]
        [Description("Schema of the ledger to rebuild")]
        [DefaultValue("ledger")]
        public string Schema { get; init; } = "ledger";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        await using var ledger = new BenchLedger(settings.ConnectionString, settings.Schema);
        var (read, build, facts) = await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("rebuild");
            return await ledger.Rebuild(new Progress<long>(p => task.Value = p), total => task.MaxValue = total);
        });
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{facts:N0} events: log read and folded in {read.TotalSeconds:F1} s, intervals built in {build.TotalSeconds:F1} s ({facts / build.TotalSeconds:N0} events/s)"));
        return 0;
    }
}
