namespace Ledger.Domain.Facts;

/// <summary>
/// The stored name of every event type, as each kind pins it (not derived from class names, because a stored name
/// is a storage contract: a new shape gets a new name (".v2"), an old name is never reused).
/// </summary>
public static class LedgerEventTypes
{
    public static readonly IReadOnlyDictionary<Type, string> Names = FactKinds.All.ToDictionary(kind => kind.Type, kind => kind.StoredName);

    public static string NameOf(ILedgerFact fact) => fact.Kind.StoredName;
}
