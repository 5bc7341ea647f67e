using Ledger.Benchmarks;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("ops/bench");
    config.AddCommand<LoadCommand>("load").WithDescription("Writes, checks and an annex import over HTTP beside pgbench on the same PostgreSQL (issue 7)");
    config.AddCommand<SoakCommand>("soak").WithDescription("Checks and paced writes for minutes, sampling the service's memory (issue 7)");
    config.AddCommand<CheckCommand>("check").WithDescription("Access checks in process over a generated history: the pure evaluation behind POST /api/access/check (issue 7)");
    config.AddCommand<RebuildCommand>("rebuild").WithDescription("Rebuild the interval read model of an existing ledger schema from its log");
    config.AddCommand<ReportsCommand>("reports").WithDescription("A matrix report of one model over 10,000 organisations at 100,000 facts, as JSON and PDF, beside the matrix read (issue 15)");
    config.AddCommand<TemporalCommand>("temporal").WithDescription("As-of and current matrix reads over histories of growing size (issue 3)");
});
return await app.RunAsync(args);
