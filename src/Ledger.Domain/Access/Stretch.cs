using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// The <c>since</c> of a cell (product.md 10.20): the start of the unbroken stretch of the same legal state,
/// provider state and access that contains the instant; null when it has always been so.
/// A cell only changes at an effective time of a fact that touches it, so those instants are the only candidates.
/// </summary>
public static class Stretch
{
    public static DateTimeOffset? Since(LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at)
    {
        var points = ChangePoints(known, modelId, organizationId).Where(p => p <= at).Order().ToList();
        var current = State(known, modelId, organizationId, personClass, at);
        for (var i = points.Count - 1; i >= 0; i--)
        {
            var before = State(known, modelId, organizationId, personClass, i > 0 ? points[i - 1] : DateTimeOffset.MinValue);
            if (before != current)
                return points[i];
        }

        return null;
    }

    private static (LegalState, ProviderState) State(LedgerKnowledge known, string modelId, string organizationId, PersonClass personClass, DateTimeOffset at) =>
        (AccessSemantics.Legal(known, modelId, organizationId, personClass, at),
         AccessSemantics.Provider(known, modelId, organizationId, personClass, at));

    public static IEnumerable<DateTimeOffset> ChangePoints(LedgerKnowledge known, string modelId, string organizationId) =>
        CellFacts.Touching(known, modelId, organizationId).Select(touch => touch.At).Distinct();
}
