using Npgsql;

namespace Ledger.Api.Database;

/// <summary>
/// The two PostgreSQL roles of a deployment. The owner (<c>ConnectionStrings:LedgerOwner</c>) owns every table,
/// function and trigger and is used only by the commands that change the schema; the service's role
/// (<c>ConnectionStrings:Ledger</c>) owns nothing and holds only the privileges <see cref="ServicePrivileges"/>
/// grants, so the running service cannot rewrite, empty or unguard the ledger, whatever is done through it.
/// </summary>
internal sealed record DatabaseRoles(string? Service, string? Owner)
{
    /// <summary>Commands that create or change schema objects (<c>ledger-replay</c> builds its scratch schema): they act as the owner.</summary>
    private static readonly string[] OwnerCommands = ["db-apply", "db-patch", "ledger-replay"];

    public static DatabaseRoles From(IConfiguration configuration) =>
        new(configuration.GetConnectionString("Ledger"), configuration.GetConnectionString("LedgerOwner"));

    /// <summary>The connection string this process uses: the owner's for the commands above, the service's otherwise.</summary>
    public string ForCommand(string? command) => OwnerCommands.Contains(command)
        ? Owner ?? throw new InvalidOperationException($"'{command}' changes the schema: set ConnectionStrings__LedgerOwner to the owner role's connection.")
        : Service ?? throw new InvalidOperationException("Set ConnectionStrings__Ledger to the ledger's PostgreSQL database (the service's role).");

    /// <summary>The command this process was started with (the first argument), if any.</summary>
    public string ForThisProcess() => ForCommand(Environment.GetCommandLineArgs().ElementAtOrDefault(1));

    /// <summary>The role the owner grants to: the user of the service's connection string.</summary>
    public string ServiceRole => new NpgsqlConnectionStringBuilder(Service).Username is { Length: > 0 } user
        ? user
        : throw new InvalidOperationException("db-apply grants the service's privileges to the user of ConnectionStrings__Ledger: set it.");
}
