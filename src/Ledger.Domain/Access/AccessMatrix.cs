using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// Every model x every registered organisation plus <c>*</c> (everyone not registered) x both person classes,
/// evaluated at one effective instant against one state of knowledge.
/// </summary>
public static class AccessMatrix
{
    public static readonly IReadOnlyList<PersonClass> Classes = [PersonClass.UsPerson, PersonClass.ForeignPerson];

    /// <summary>Cells come in one order everywhere (ordinal ids, <c>*</c> first, us-person before foreign-person), so equal answers are equal bytes.</summary>
    public static readonly IComparer<CellKey> Order = Comparer<CellKey>.Create((a, b) =>
    {
        var byModel = string.CompareOrdinal(a.ModelId, b.ModelId);
        if (byModel != 0)
            return byModel;
        var byOrganization = string.CompareOrdinal(a.OrganizationId, b.OrganizationId);
        return byOrganization != 0 ? byOrganization : a.PersonClass.CompareTo(b.PersonClass);
    });

    public static IReadOnlyList<AccessCell> Evaluate(LedgerKnowledge known, DateTimeOffset at, string? modelId = null, string? organizationId = null)
    {
        var models = known.Models.Where(m => modelId is null || m == modelId).Order(StringComparer.Ordinal);
        var organizations = known.Organizations.Append(FactIds.Everyone)
            .Where(o => organizationId is null || o == organizationId)
            .Order(StringComparer.Ordinal)
            .ToList();
        return models
            .SelectMany(m => organizations.SelectMany(o => Classes.Select(c => Cell(known, m, o, c, at))))
            .ToList();
    }

    public static AccessCell Cell(LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at)
    {
        var verdict = AccessSemantics.Evaluate(known, modelId, organizationId, personClass, at);
        return new AccessCell(
            modelId,
            organizationId,
            personClass,
            verdict.Legal,
            verdict.Provider,
            verdict.Access,
            Stretch.Since(known, modelId, organizationId, personClass, at),
            verdict.Basis,
            string.Join("; ", verdict.Reasons));
    }
}
