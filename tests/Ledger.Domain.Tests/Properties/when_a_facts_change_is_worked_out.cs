using System.Text.Json;
using FsCheck.Xunit;
using Ledger.Domain.Changes;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

/// <summary>
/// <see cref="FactChange"/> is the one definition of what a fact changed: the interval read model stores its tails
/// and the feed announces from them (<see cref="AccessChanges"/>). Checked here against the whole timeline and, for
/// the announcements, against a comparison of every cell of the matrix by the reference evaluator.
/// </summary>
public class when_a_facts_change_is_worked_out
{
    private sealed record Step(int Position, LedgerKnowledge Before, LedgerKnowledge After, RecordedFact Fact);

    /// <summary>A random history, then a model and an organisation registered after it, which open a column and a row.</summary>
    private static (Replayed Replayed, List<Step> Steps) Recorded(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);
        replayed.Propose(Make.Model("nova-7"));
        replayed.Propose(Make.Organization("late-entrant"));
        var steps = replayed.Ledger.Recorded.Select((fact, i) => new Step(i + 1, replayed.Snapshots[i], replayed.Snapshots[i + 1], fact)).ToList();
        return (replayed, steps);
    }

    [Property(MaxTest = 60, Arbitrary = new[] { typeof(Timelines) })]
    public void each_tail_answers_like_the_cells_whole_timeline_from_the_reach_on(Timeline timeline)
    {
        foreach (var step in Recorded(timeline).Steps)
        {
            foreach (var (cell, reachedFrom, tail) in FactChange.Of(step.Before, step.After, step.Fact.Fact))
            {
                var what = $"{step.Fact.Type} {step.Fact.Fact.FactId}: {cell}";
                var whole = CellTimeline.Of(step.After, cell);
                if (reachedFrom is { } from)
                    tail[0].Contains(from).ShouldBeTrue(what);
                else
                    tail[0].ValidFrom.ShouldBeNull(what);
                tail[^1].ValidTo.ShouldBeNull(what);
                foreach (var (segment, next) in tail.Zip(tail.Skip(1)))
                    next.ValidFrom.ShouldBe(segment.ValidTo, what);
                foreach (var segment in tail)
                {
                    var holding = whole.Single(s => s.Contains(segment.ValidFrom ?? DateTimeOffset.MinValue));
                    holding.SameAnswer(segment).ShouldBeTrue($"{what} from {segment.ValidFrom:O}");
                    if (segment != tail[0])
                        holding.ValidFrom.ShouldBe(segment.ValidFrom, what);
                    holding.ValidTo.ShouldBe(segment.ValidTo, what);
                }
            }
        }
    }

    [Property(MaxTest = 60, Arbitrary = new[] { typeof(Timelines) })]
    public void its_announcements_are_every_cell_whose_state_the_reference_sees_change(Timeline timeline)
    {
        var (replayed, steps) = Recorded(timeline);
        var recorded = replayed.Ledger.Recorded;
        var head = steps.Count;
        foreach (var step in steps.Where(s => s.Position >= head - 3 || s.Position == head / 2))
        {
            var announced = AccessChanges.Of(step.Before, step.After, FactChange.Of(step.Before, step.After, step.Fact.Fact));
            var expected = BruteForce(step, ReferenceLedger.Of(recorded.Take(step.Position - 1)), ReferenceLedger.Of(recorded.Take(step.Position)));
            JsonSerializer.Serialize(announced).ShouldBe(JsonSerializer.Serialize(expected), $"{step.Fact.Type} {step.Fact.Fact.FactId}");
        }
    }

    /// <summary>
    /// Every cell of the matrix, its state compared at every instant at which any fact starts or stops counting:
    /// a cell of a model not registered before changes from the epoch on; a newly registered organisation's cell
    /// is compared with the <c>*</c> row it was answered from.
    /// </summary>
    private static List<AccessChange> BruteForce(Step step, ReferenceLedger before, ReferenceLedger after)
    {
        var instants = before.Instants.Concat(after.Instants).Append(AccessChanges.Epoch).Where(at => at >= AccessChanges.Epoch).Distinct().Order().ToList();
        var changes = new List<AccessChange>();
        foreach (var model in step.After.Models)
        foreach (var organization in step.After.Organizations.Append(FactIds.Everyone))
        foreach (var personClass in AccessMatrix.Classes)
        {
            var existed = step.Before.Models.Contains(model);
            var answeredAs = organization == FactIds.Everyone || step.Before.Organizations.Contains(organization) ? organization : FactIds.Everyone;
            var first = instants.FindIndex(at => !existed
                || before.State(model, answeredAs, personClass, at) != after.State(model, organization, personClass, at));
            if (first < 0)
                continue;
            var from = instants[first];
            var schedule = new List<ScheduledState>();
            foreach (var at in instants.Skip(first))
            {
                var (legal, provider, access) = after.State(model, organization, personClass, at);
                if (schedule.Count == 0 || (schedule[^1].Legal, schedule[^1].Provider) != (legal, provider))
                    schedule.Add(new ScheduledState(at, legal, provider, access));
            }

            var was = existed ? AccessMatrix.Cell(step.Before, model, answeredAs, personClass, from) with { OrganizationId = organization } : null;
            changes.Add(new AccessChange(model, organization, personClass, from, was, AccessMatrix.Cell(step.After, model, organization, personClass, from), schedule));
        }

        return changes;
    }
}
