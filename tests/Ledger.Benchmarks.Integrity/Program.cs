using System.CommandLine;

namespace Ledger.Benchmarks.Integrity;

/// <summary>Not top-level statements: those would declare a Program that hides the service's.</summary>
public static class BenchProgram
{
    public static Task<int> Main(string[] args)
    {
        var writes = new Option<int>("--writes") { Description = "Writes per mode", DefaultValueFactory = _ => 3000 };
        var block = new Option<int>("--block") { Description = "Writes per block; modes alternate block by block", DefaultValueFactory = _ => 100 };
        var workers = new Option<int[]>("--workers") { Description = "Concurrent writers; each count is a run of its own", DefaultValueFactory = _ => [1, 16], AllowMultipleArgumentsPerToken = true };
        var events = new Option<int>("--verify-events") { Description = "Events in the log that is sealed, verified and proved", DefaultValueFactory = _ => 1_000_000 };
        var proofs = new Option<int>("--proofs") { Description = "Proof requests of each kind", DefaultValueFactory = _ => 2000 };
        var leafVersion = new Option<int>("--leaf-version") { Description = "The leaf encoding sealed (1 as before leaf/v2, 2)", DefaultValueFactory = _ => 2 };

        var root = new RootCommand("Integrity benchmark: write throughput with sealing off and on, verification throughput, proof latency. Prints a markdown table.")
        {
            writes, block, workers, events, proofs, leafVersion,
        };
        root.SetAction(async (parsed, ct) =>
        {
            var settings = new BenchSettings(parsed.GetValue(writes), parsed.GetValue(block), parsed.GetValue(workers)!, parsed.GetValue(events), parsed.GetValue(proofs),
                parsed.GetValue(leafVersion));
            // The hosts and JasperFx print to the console as they start: only the table goes to stdout.
            var table = Console.Out;
            Console.SetOut(Console.Error);
            var report = await IntegrityBench.Run(settings, Console.Error, ct);
            await table.WriteLineAsync(report);
            await table.FlushAsync(ct);
            return 0;
        });
        return root.Parse(args).InvokeAsync();
    }
}
