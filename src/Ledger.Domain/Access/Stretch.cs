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

    /// <summary>The instants of <see cref="CellFacts.Touching"/>, distinct and in order.</summary>
    public static IEnumerable<DateTimeOffset> ChangePoints(LedgerKnowledge known, string modelId, string organizationId)
    {
        var points = new List<DateTimeOffset>();
        foreach (var directiveId in known.DirectivesNamingModel(modelId))
        {
            points.Add(known.Facts[directiveId].As<DirectiveIssued>().EffectiveAt);
            points.AddRange(known.ActsInEffectOf(directiveId).Select(filed => filed.At));
        }

        points.AddRange(known.VettingInstantsOf(organizationId).Select(filed => filed.At));
        foreach (var acts in known.ProviderActsHeard(modelId, organizationId))
            points.AddRange(acts.Select(filed => filed.At));
        return Distinct(points);
    }

    /// <summary>
    /// The instants from which <see cref="CellTimeline"/> draws one cell from <paramref name="from"/> on (all of
    /// them when null): the last instant of <see cref="CellFacts.Touching"/> at or before it, where the redrawn tail
    /// has always started (so the rows a rewrite closes stay the same), then the later instants at which this cell's
    /// answer can change. A provider act for the other person class, or a vetting under an easing that does not
    /// release the cell's model, cannot change it: such instants would only split a segment into two equal ones,
    /// which the timeline merges again. Read from the indexes kept by effective time, so a tail costs what it holds
    /// rather than the cell's whole history.
    /// </summary>
    public static List<DateTimeOffset> ChangePoints(LedgerKnowledge known, CellKey cell, DateTimeOffset? from)
    {
        var points = new List<DateTimeOffset>();
        DateTimeOffset? start = null;
        void Add(DateTimeOffset at, bool counts)
        {
            if (at <= from)
                start = start is { } latest && latest >= at ? latest : at;
            else if (counts)
                points.Add(at);
        }

        // Walked back from the end, where a tail starts: an indexed walk forward from a binary search costs a tree
        // descent per entry, which a rebuild pays for every cell of every fact.
        void AddFrom(ImmutableSortedSet<Filed> index, Func<KnownFact, bool> counts)
        {
            foreach (var filed in index.Reverse())
            {
                if (filed.At <= from)
                {
                    Add(filed.At, false);
                    return;
                }

                Add(filed.At, counts(filed.Fact));
            }
        }

        foreach (var directiveId in known.DirectivesNamingModel(cell.ModelId))
        {
            Add(known.Facts[directiveId].As<DirectiveIssued>().EffectiveAt, true);
            AddFrom(known.ActsInEffectOf(directiveId), _ => true);
        }

        AddFrom(known.VettingInstantsOf(cell.OrganizationId), fact => Annex.EasingOf(known, fact.Current)?.Models.Contains(cell.ModelId) == true);
        foreach (var acts in known.ProviderActsHeard(cell.ModelId, cell.OrganizationId))
            AddFrom(acts, fact => ((IProviderAct)fact.Current).PersonClasses.Contains(cell.PersonClass));

        if (start is { } first)
            points.Add(first);
        return Distinct(points);
    }

    private static List<DateTimeOffset> Distinct(List<DateTimeOffset> points)
    {
        points.Sort();
        var distinct = new List<DateTimeOffset>(points.Count);
        foreach (var point in points)
            if (distinct.Count == 0 || distinct[^1] != point)
                distinct.Add(point);
        return distinct;
    }
}
