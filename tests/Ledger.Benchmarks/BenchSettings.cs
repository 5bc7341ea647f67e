using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ledger.Benchmarks;

public class BenchSettings : CommandSettings
{
    [CommandOption("--connection")]
    [Description("Npgsql connection string of the benchmark's PostgreSQL (default: ConnectionStrings__Ledger)")]
    public string ConnectionString { get; init; } = Environment.GetEnvironmentVariable("ConnectionStrings__Ledger") ?? "";

    // The service's role may not create, drop or empty anything: the schema the benchmark starts from is made the
    // way a deployment makes it, by db-apply as the owner.
    [CommandOption("--owner-connection")]
    [Description("Npgsql connection string of the role that owns the ledger's schema (default: ConnectionStrings__LedgerOwner)")]
    public string OwnerConnectionString { get; init; } = Environment.GetEnvironmentVariable("ConnectionStrings__LedgerOwner") ?? "";

    [CommandOption("--port")]
    [Description("Port for the service under test")]
    [DefaultValue(5081)]
    public int Port { get; init; } = 5081;

    [CommandOption("--out")]
    [Description("Folder for the markdown report")]
    [DefaultValue(".local/bench")]
    public string Out { get; init; } = ".local/bench";
}
