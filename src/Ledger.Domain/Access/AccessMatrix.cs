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

    public static IReadOnlyList<AccessCell> Evaluate(LedgerKnowledge known, DateTimeOffset at, string? modelId = null, string? organizationId = null)
    {
        var models = known.Models.Where(m => modelId is null || m == modelId);
        var organizations = known.Organizations.Append(FactIds.Everyone).Where(o => organizationId is null || o == organizationId).ToList();
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
