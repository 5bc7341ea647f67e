using FsCheck.Xunit;
using Ledger.Domain.Changes;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

/// <summary><see cref="Reach"/> lets the read model redraw, and the feed compare, only some cells from some instant: it must never miss one.</summary>
public class when_a_fact_is_recorded
{
    [Property(MaxTest = 60, Arbitrary = new[] { typeof(Timelines) })]
    public void every_cell_whose_answer_changes_is_named_and_none_changes_before_the_named_instant(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);
        var recorded = replayed.Ledger.Recorded;
        var head = recorded.Count;
        var reference = ReferenceLedger.Of(recorded);
        var step = Math.Max(1, reference.Instants.Count / 8);
        var instants = timeline.Probes
            .Concat(reference.Instants.Where((_, i) => i % step == 0).SelectMany(at => new[] { at, at.AddTicks(-1) }))
            .Distinct().ToList();

        foreach (var position in new[] { head, head - 1, head / 2 }.Where(p => p > 0).Distinct())
        {
            var before = replayed.Snapshots[position - 1];
            var after = replayed.Snapshots[position];
            var fact = recorded[position - 1];
            var change = Reach.Of(before, after, fact.Fact);

            foreach (var model in after.Models)
            foreach (var organization in after.Organizations.Append(FactIds.Everyone))
            foreach (var personClass in AccessMatrix.Classes)
            {
                var cell = new CellKey(model, organization, personClass);
                var named = change.Cells.Contains(cell);
                if (named && change.From is null)
                    continue;
                if (!before.Models.Contains(model) || !before.Organizations.Append(FactIds.Everyone).Contains(organization))
                {
                    named.ShouldBeTrue($"{cell} is new with {fact.Fact.FactId}");
                    continue;
                }

                foreach (var at in instants.Where(at => !named || at < change.From))
                {
                    var was = AccessSemantics.Evaluate(before, model, organization, personClass, at);
                    var now = AccessSemantics.Evaluate(after, model, organization, personClass, at);
                    var what = $"{cell} at {at:O} after {fact.Type} {fact.Fact.FactId} (named: {named}, from {change.From:O})";
                    now.State.ShouldBe(was.State, what);
                    now.Basis.ShouldBe(was.Basis, what);
                }
            }
        }
    }
}
