using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Weasel.Core;
using Weasel.Postgresql;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Ledger.Api.Database;

/// <summary>
/// Idempotent SQL that <c>db-apply</c> runs as the owner, beside Marten's own objects: the ledger's tables, functions
/// and triggers that Marten does not model, and the service's privileges. The script's hash is kept as the comment
/// of <paramref name="stampedOn"/>, so db-apply runs it again only when it changed, and the service's start
/// (which only asserts) fails when the database is not the one this build expects.
/// </summary>
/// <param name="stampedOn">the object whose comment keeps the stamp, as <c>comment on</c> names it (<c>table s.t</c>, <c>schema s</c>)</param>
/// <param name="stampRead">the SQL expression that reads that comment, null when the object is missing</param>
/// <param name="stampSuffix">a SQL text expression appended to the stamp when it is written and when it is compared: what
/// the server computes that the script depends on (e.g. its <c>hashtext</c>), so a server that now computes it differently
/// gets the script again</param>
internal sealed class OwnerScript(PostgresqlObjectName identifier, string script, string stampedOn, string stampRead, string stampSuffix = "''")
    : ISchemaObject
{
    private readonly string _stamp = $"directive-ledger {identifier.Name} {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..16]}";

    public DbObjectName Identifier => identifier;

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine(script);
        writer.WriteLine($"do $stamp$ begin execute format('comment on {stampedOn} is %L', '{_stamp}' || {stampSuffix}); end $stamp$;");
    }

    /// <summary>Never dropped: what the scripts create holds the ledger.</summary>
    public void WriteDropStatement(Migrator rules, TextWriter writer)
    {
    }

    public void ConfigureQueryCommand(DbCommandBuilder builder) =>
        builder.Append($"select coalesce(({stampRead}) = '{_stamp}' || {stampSuffix}, false);");

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var current = await reader.ReadAsync(ct) && reader.GetBoolean(0);
        return new SchemaObjectDelta(this, current ? SchemaPatchDifference.None : SchemaPatchDifference.Update);
    }

    public IEnumerable<DbObjectName> AllNames() => [Identifier];
}
