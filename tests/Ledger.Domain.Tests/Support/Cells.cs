namespace Ledger.Domain.Tests.Support;

/// <summary>One readable line per cell, so a wrong matrix fails with the cells that differ.</summary>
public static class Cells
{
    public static string Line(string modelId, string organizationId, PersonClass personClass, LegalState legal, ProviderState provider, Vocabulary.Access access) =>
        $"{modelId} {organizationId} {Wire.Name(personClass)}: {legal}/{provider}/{access}";

    public static string Line(AccessCell cell) =>
        Line(cell.ModelId, cell.OrganizationId, cell.PersonClass, cell.Legal, cell.Provider, cell.Access);
}
