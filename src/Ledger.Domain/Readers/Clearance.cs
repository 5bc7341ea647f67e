namespace Ledger.Domain.Readers;

/// <summary>
/// How much of a confidential directive a reader may see: everything (<see cref="Full"/>), nothing of its text
/// (<see cref="None"/>), or everything when the reader's organisation is one the directive is addressed to.
/// </summary>
public sealed record Clearance(bool SeesAll, string? Organization)
{
    public static readonly Clearance Full = new(true, null);

    public static readonly Clearance None = new(false, null);

    public static Clearance OfOrganization(string organizationId) => new(false, organizationId);
}
