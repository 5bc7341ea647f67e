using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

public class BenchSettings : CommandSettings
{
    [CommandOption("--connection")]
    [Description("Npgsql connection string of the benchmark's PostgreSQL (default: ConnectionStrings__Ledger)")]
    public string ConnectionString { get; init; } = Environment.GetEnvironmentVariable("ConnectionStrings__Ledger") ?? "";

    [CommandOption("--port")]
    [Description("Port for the service under test")]
    [DefaultValue(5081)]
    public int Port { get; init; } = 5081;

    [CommandOption("--out")]
    [Description("Folder for the markdown report")]
    [DefaultValue(".local/bench")]
    public string Out { get; init; } = ".local/bench";
}
