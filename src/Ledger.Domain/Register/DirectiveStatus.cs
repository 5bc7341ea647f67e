namespace Ledger.Domain.Register;

/// <summary>Product.md 10.19: precedence rescinded, partially-rescinded, eased, in-force; pending before it takes effect.</summary>
public enum DirectiveStatus
{
    Pending,
    InForce,
    Eased,
    PartiallyRescinded,
    Rescinded,
}
