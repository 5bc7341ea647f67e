using System.Text.Json;
using FsCheck.Xunit;
using Ledger.Domain.Changes;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

/// <summary>
/// <see cref="FactChange"/> is the one definition of what a fact changed: it must give, fact by fact, what the
/// interval read model (<see cref="AffectedCells"/> and <see cref="CellTimeline"/>) and the feed
/// (<see cref="AccessChanges.Between"/>) each worked out for themselves.
/// </summary>
public class when_a_facts_change_is_worked_out
{
    /// <summary>A random history, then a model and an organisation registered after it, which open a column and a row.</summary>
    private static IEnumerable<(LedgerKnowledge Before, LedgerKnowledge After, RecordedFact Fact)> Steps(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);
        replayed.Propose(Make.Model("nova-7"));
        replayed.Propose(Make.Organization("late-entrant"));
        var recorded = replayed.Ledger.Recorded;
        return recorded.Select((fact, i) => (replayed.Snapshots[i], replayed.Snapshots[i + 1], fact));
    }

    [Property(MaxTest = 60, Arbitrary = new[] { typeof(Timelines) })]
    public void its_cells_and_tails_are_those_the_read_model_draws(Timeline timeline)
    {
        foreach (var (before, after, fact) in Steps(timeline))
        {
            var old = AffectedCells.Of(before, after, fact);
            var change = FactChange.Of(before, after, fact.Fact);
            var what = $"{fact.Type} {fact.Fact.FactId}";

            change.From.ShouldBe(old.From, what);
            change.Tails.Select(t => t.Cell).ToHashSet().SetEquals(old.Cells).ShouldBeTrue(what);
            foreach (var tail in change.Tails)
            {
                var drawn = CellTimeline.Of(after, tail.Cell, old.From);
                tail.Segments.Count.ShouldBe(drawn.Count, $"{what}: {tail.Cell}");
                foreach (var (segment, expected) in tail.Segments.Zip(drawn))
                    (segment.ValidFrom, segment.ValidTo, segment.SameAnswer(expected)).ShouldBe((expected.ValidFrom, expected.ValidTo, true), $"{what}: {tail.Cell}");
            }
        }
    }

    [Property(MaxTest = 60, Arbitrary = new[] { typeof(Timelines) })]
    public void its_announcements_are_those_the_feed_worked_out(Timeline timeline)
    {
        foreach (var (before, after, fact) in Steps(timeline))
        {
            var announced = AccessChanges.Of(before, after, FactChange.Of(before, after, fact.Fact));
            JsonSerializer.Serialize(announced).ShouldBe(JsonSerializer.Serialize(AccessChanges.Between(before, after, fact.Fact)), $"{fact.Type} {fact.Fact.FactId}");
        }
    }
}
