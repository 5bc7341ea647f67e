using System.Text.Json;
using FsCheck.Xunit;
using Ledger.Domain.Json;
using Ledger.Domain.Tests.Properties;
using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Bitemporal;

/// <summary>
/// Issue 15: the knowledge at a past position is found from the knowledge kept at intervals, evolved by the few
/// facts since, never by folding the log's prefix. It must be exactly the fold of the facts recorded up to that
/// position, corrections included, at every position and however the interval has grown.
/// </summary>
public class when_past_knowledge_is_looked_up
{
    [Fact]
    public void every_position_of_the_reference_scenario_is_the_fold_of_its_prefix()
    {
        var recorded = Recorded().Recorded;

        foreach (var interval in new[] { 1, 2, 3, 5, 64 })
            TheTrailIsTheFold(recorded, KnowledgeTrail.Starting(interval, maxKept: 3));
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(Timelines) })]
    public void every_position_of_a_random_history_is_the_fold_of_its_prefix(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);

        TheTrailIsTheFold(replayed.Ledger.Recorded, KnowledgeTrail.Starting(interval: 2, maxKept: 4));
        TheTrailIsTheFold(replayed.Ledger.Recorded, KnowledgeTrail.Starting(interval: 7, maxKept: 100));
    }

    [Property(MaxTest = 50, Arbitrary = new[] { typeof(Timelines) })]
    public void checks_histories_and_the_register_answer_at_every_position_as_the_fold_does(Timeline timeline)
    {
        var ledger = Replayed.Of(timeline).Ledger;
        var trail = KnowledgeTrail.Starting(interval: 3, maxKept: 4).Evolve(ledger.Recorded);
        var reader = Withholding.For(ledger.Known, Clearance.None);

        foreach (var position in ledger.Recorded.Select(r => r.Position))
        {
            var folded = LedgerKnowledge.Fold(ledger.Recorded.Where(r => r.Position <= position));
            Answers(trail.At(position), reader, timeline.Probes).ShouldBe(Answers(folded, reader, timeline.Probes), $"at position {position}");
        }
    }

    [Fact]
    public void the_interval_doubles_and_every_kept_knowledge_stays_where_it_belongs_when_too_many_are_kept()
    {
        var recorded = Recorded().Recorded;
        var trail = KnowledgeTrail.Starting(interval: 1, maxKept: 4).Evolve(recorded);

        trail.Kept.Count.ShouldBeLessThanOrEqualTo(4);
        trail.Interval.ShouldBe(recorded.Count switch { <= 4 => 1, _ => 1 << (int)Math.Ceiling(Math.Log2(recorded.Count / 4.0)) });
        for (var i = 0; i < trail.Kept.Count; i++)
            trail.Kept[i].Position.ShouldBe(recorded[(i + 1) * trail.Interval - 1].Position);
        trail.Kept.Count.ShouldBe(recorded.Count / trail.Interval);
    }

    [Fact]
    public void positions_and_recorded_times_are_found_as_prefixes_of_the_log()
    {
        var recorded = Recorded().Recorded;
        var trail = KnowledgeTrail.Empty.Evolve(recorded);
        var easing = recorded.Single(r => r.Fact.FactId == Easing);
        var before = recorded.Count(r => r.Position < easing.Position);

        trail.CountThrough(easing.Position).ShouldBe(before + 1);
        trail.CountThrough(0).ShouldBe(0);
        trail.CountThrough(long.MaxValue).ShouldBe(recorded.Count);
        trail.CountKnownAt(easing.RecordedAt).ShouldBe(before + 1);
        trail.CountKnownAt(easing.RecordedAt.AddTicks(-1)).ShouldBe(before);
        trail.At(easing.Position).Find(WaterCoopVetting).ShouldBeNull();
    }

    private static void TheTrailIsTheFold(IReadOnlyList<RecordedFact> recorded, KnowledgeTrail start)
    {
        var trail = start.Evolve(recorded);
        for (var count = 0; count <= recorded.Count; count++)
            KnowledgeImage.Of(trail.After(count)).ShouldBe(KnowledgeImage.Of(LedgerKnowledge.Fold(recorded.Take(count))),
                $"after {count} facts, kept every {trail.Interval}");
    }

    /// <summary>What a reader is told at a few instants: every cell of the matrix with its basis, every audit trail, the register.</summary>
    private static string Answers(LedgerKnowledge known, Withholding reader, IReadOnlyList<DateTimeOffset> instants)
    {
        object[] answers =
        [
            .. instants.Select(at => AccessMatrix.Evaluate(known, at)),
            .. known.Organizations.Select(id => AuditTrail.OfOrganization(known, id, reader)),
            .. known.Models.Select(id => AuditTrail.OfModel(known, id, reader)),
            .. instants.SelectMany(at => known.Directives.Select(id => DirectiveEntry.At(known, id, at, reader))),
        ];
        return JsonSerializer.Serialize(answers, LedgerJson.Options);
    }
}
