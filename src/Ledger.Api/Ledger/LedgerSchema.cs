namespace Ledger.Api.Ledger;

/// <summary>The PostgreSQL schema that holds the ledger's event store and documents.</summary>
public sealed record LedgerSchema(string Name)
{
    public static readonly LedgerSchema Default = new("ledger");
}
