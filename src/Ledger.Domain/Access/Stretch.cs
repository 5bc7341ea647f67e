using System.Collections.Immutable;
using Ledger.Domain.Facts;
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
        ChangePoints(known, modelId, organizationId, null);

    /// <summary>
    /// The instants of <see cref="CellFacts.Touching"/>, distinct and in order, from the last one at or before
    /// <paramref name="from"/> (all of them when null). Read from the indexes kept by effective time, so a tail costs
    /// what it holds rather than the cell's whole history.
    /// </summary>
    public static List<DateTimeOffset> ChangePoints(LedgerKnowledge known, string modelId, string organizationId, DateTimeOffset? from)
    {
        var points = new List<DateTimeOffset>();
        foreach (var directiveId in known.DirectivesNamingModel(modelId))
        {
            points.Add(known.Facts[directiveId].As<DirectiveIssued>().EffectiveAt);
            AddInstants(known.ActsInEffectOf(directiveId), from, points);
        }

        AddInstants(known.VettingInstantsOf(organizationId), from, points);
        foreach (var acts in known.ProviderActsHeard(modelId, organizationId))
            AddInstants(acts, from, points);

        points.Sort();
        var distinct = new List<DateTimeOffset>(points.Count);
        foreach (var point in points)
            if (distinct.Count == 0 || distinct[^1] != point)
                distinct.Add(point);
        if (from is { } start && distinct.FindLastIndex(p => p <= start) is > 0 and var last)
            distinct.RemoveRange(0, last);
        return distinct;
    }

    /// <summary>Adds the instants of one index from its last at or before <paramref name="from"/>: the latest of all such is among them.</summary>
    private static void AddInstants(ImmutableSortedSet<Filed> index, DateTimeOffset? from, List<DateTimeOffset> points)
    {
        for (var i = from is { } start ? Math.Max(0, Filed.LastAtOrBefore(index, start)) : 0; i < index.Count; i++)
            points.Add(index[i].At);
    }
}
