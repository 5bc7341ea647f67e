using FsCheck.Xunit;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

/// <summary>The piecewise-constant answers of one cell that the temporal read model stores as interval rows.</summary>
public class when_a_cells_timeline_is_drawn
{
    private static readonly PersonClass[] Classes = [PersonClass.UsPerson, PersonClass.ForeignPerson];

    private static IEnumerable<CellKey> SomeCells(Timeline timeline) =>
        Enumerable.Range(0, 5).Select(i =>
            new CellKey(Models[(i + timeline.Steps.Count) % Models.Length], Rows[(i * 2 + timeline.Probes.Count) % Rows.Length], Classes[i % 2]));

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(Timelines) })]
    public void its_segments_tile_effective_time_and_each_agrees_with_the_reference(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);
        var known = replayed.Ledger.Known;
        var reference = ReferenceLedger.Of(replayed.Ledger.Recorded);

        foreach (var cell in SomeCells(timeline))
        {
            var segments = CellTimeline.Of(known, cell);

            segments[0].ValidFrom.ShouldBeNull($"{cell}");
            segments[^1].ValidTo.ShouldBeNull($"{cell}");
            foreach (var (segment, next) in segments.Zip(segments.Skip(1)))
            {
                next.ValidFrom.ShouldBe(segment.ValidTo, $"{cell}");
                next.SameAnswer(segment).ShouldBeFalse($"{cell}: adjacent segments at {next.ValidFrom:O} should have been one");
            }

            foreach (var segment in segments)
            {
                var start = segment.ValidFrom ?? DateTimeOffset.MinValue;
                var what = $"{cell} in [{segment.ValidFrom:O}, {segment.ValidTo:O})";
                var state = (segment.Legal, segment.Provider, segment.Access);
                reference.State(cell.ModelId, cell.OrganizationId, cell.PersonClass, start).ShouldBe(state, what);
                if (segment.ValidTo is { } end)
                    reference.State(cell.ModelId, cell.OrganizationId, cell.PersonClass, end.AddTicks(-1)).ShouldBe(state, what);
                segment.Since.ShouldBe(Stretch.Since(known, cell.ModelId, cell.OrganizationId, cell.PersonClass, start), what);
            }
        }
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(Timelines) })]
    public void a_tail_drawn_from_an_instant_answers_like_the_whole_timeline(Timeline timeline)
    {
        var known = Replayed.Of(timeline).Ledger.Known;

        foreach (var (cell, from) in SomeCells(timeline).Zip(timeline.Probes))
        {
            var whole = CellTimeline.Of(known, cell);
            var tail = CellTimeline.Of(known, cell, from);

            foreach (var at in timeline.Probes.Where(p => p >= from).Append(from))
            {
                var expected = whole.Single(s => s.Contains(at));
                var actual = tail.Single(s => s.Contains(at));
                (actual.Legal, actual.Provider, actual.Access, actual.Since).ShouldBe((expected.Legal, expected.Provider, expected.Access, expected.Since), $"{cell} at {at:O}");
                actual.Basis.ShouldBe(expected.Basis, $"{cell} at {at:O}");
            }
        }
    }
}
