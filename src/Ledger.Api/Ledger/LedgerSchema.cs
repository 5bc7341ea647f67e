namespace Ledger.Api.Ledger;

/// <summary>
/// The PostgreSQL schema that holds the ledger's event store, documents and read models (<c>Ledger:Schema</c>);
/// tests give each host a schema of its own so they can run side by side in one database.
/// </summary>
public sealed record LedgerSchema(string Name)
{
    public static readonly LedgerSchema Default = new("ledger");
}
