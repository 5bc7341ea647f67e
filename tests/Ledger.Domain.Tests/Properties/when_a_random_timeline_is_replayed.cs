using FsCheck.Xunit;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

public class when_a_random_timeline_is_replayed
{
    private static readonly PersonClass[] Classes = [PersonClass.UsPerson, PersonClass.ForeignPerson];

    private static IEnumerable<(string Model, string Organization, PersonClass Class)> AllCells() =>
        from model in Models from organization in Rows from personClass in Classes select (model, organization, personClass);

    /// <summary>The generated probes plus instants where the reference sees a fact start or stop counting, and the tick before each.</summary>
    private static IReadOnlyList<DateTimeOffset> ProbesOf(Timeline timeline, ReferenceLedger reference)
    {
        var instants = reference.Instants;
        var step = Math.Max(1, instants.Count / 6);
        var sampled = instants.Where((_, i) => i % step == 0).SelectMany(at => new[] { at, at.AddTicks(-1) });
        return timeline.Probes.Concat(sampled).Distinct().ToList();
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(Timelines) })]
    public void the_domain_agrees_with_the_reference_evaluator(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);
        var reference = ReferenceLedger.Of(replayed.Ledger.Recorded);

        var disagreements =
            from at in ProbesOf(timeline, reference)
            from cell in AllCells()
            let domain = AccessSemantics.Evaluate(replayed.Ledger.Known, cell.Model, cell.Organization, cell.Class, at).State
            let expected = reference.State(cell.Model, cell.Organization, cell.Class, at)
            where domain != expected
            select $"{cell} at {at:O}: domain {domain}, reference {expected}";

        disagreements.Take(5).ShouldBeEmpty();
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(Timelines) })]
    public void access_is_allowed_exactly_when_the_law_allows_and_the_provider_enables(Timeline timeline)
    {
        var known = Replayed.Of(timeline).Ledger.Known;

        foreach (var at in timeline.Probes)
        foreach (var cell in AllCells())
        {
            var verdict = AccessSemantics.Evaluate(known, cell.Model, cell.Organization, cell.Class, at);
            var allowed = verdict.Legal != LegalState.Restricted && verdict.Provider == ProviderState.Enabled;
            verdict.Access.ShouldBe(allowed ? Allowed : Denied, $"{cell} at {at:O}");
        }
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(Timelines) })]
    public void an_unknown_class_is_allowed_exactly_when_both_classes_are(Timeline timeline)
    {
        var known = Replayed.Of(timeline).Ledger.Known;

        foreach (var at in timeline.Probes)
        foreach (var model in Models)
        foreach (var organization in Rows)
        {
            var both = Classes.All(c => AccessSemantics.Evaluate(known, model, organization, c, at).Access == Allowed);
            AccessSemantics.Evaluate(known, model, organization, PersonClass.Unknown, at).Access
                .ShouldBe(both ? Allowed : Denied, $"{model} {organization} at {at:O}");
        }
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(Timelines) })]
    public void knowledge_at_a_position_is_unaffected_by_later_facts(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);
        var recorded = replayed.Ledger.Recorded;
        var head = recorded.Count;

        foreach (var position in new[] { head / 4, head / 2, 3 * head / 4, head }.Distinct())
        {
            var folded = LedgerKnowledge.Fold(recorded.Where(r => r.Position <= position));
            var held = replayed.Snapshots[position];
            var reference = ReferenceLedger.Of(recorded.Where(r => r.Position <= position));

            folded.Position.ShouldBe(position);
            folded.Facts.Keys.Order().ShouldBe(held.Facts.Keys.Order());
            folded.StreamVersions.OrderBy(v => v.Key).ShouldBe(held.StreamVersions.OrderBy(v => v.Key));
            foreach (var at in timeline.Probes.Take(3))
            foreach (var cell in AllCells())
            {
                var answer = AccessSemantics.Evaluate(folded, cell.Model, cell.Organization, cell.Class, at).State;
                AccessSemantics.Evaluate(held, cell.Model, cell.Organization, cell.Class, at).State.ShouldBe(answer);
                answer.ShouldBe(reference.State(cell.Model, cell.Organization, cell.Class, at), $"{cell} at {at:O} known at {position}");
            }
        }
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(Timelines) })]
    public void every_admitted_restoration_was_lawful_at_its_effective_time(Timeline timeline)
    {
        var recorded = Replayed.Of(timeline).Ledger.Recorded;

        foreach (var record in recorded.Where(r => r.Fact is AccessRestored))
        {
            var restoration = (AccessRestored)record.Fact;
            var known = ReferenceLedger.Of(recorded.Where(r => r.Position < record.Position));
            var rows = restoration.OrganizationId == FactIds.Everyone
                ? known.Organizations.Append(FactIds.Everyone)
                : [restoration.OrganizationId];
            foreach (var organization in rows)
            foreach (var personClass in restoration.PersonClasses)
                known.Legal(restoration.ModelId, organization, personClass, restoration.EffectiveAt)
                    .ShouldNotBe(LegalState.Restricted, $"{restoration.RestorationId} for {organization} {personClass}");
        }
    }

    [Property(MaxTest = 150, Arbitrary = new[] { typeof(Timelines) })]
    public void since_starts_the_unbroken_stretch_that_contains_the_instant(Timeline timeline)
    {
        var replayed = Replayed.Of(timeline);
        var known = replayed.Ledger.Known;
        var reference = ReferenceLedger.Of(replayed.Ledger.Recorded);
        var cells = AllCells().ToList();

        foreach (var (at, i) in timeline.Probes.Select((at, i) => (at, i)))
        {
            var (model, organization, personClass) = cells[(i * 7 + timeline.Steps.Count) % cells.Count];
            var since = Stretch.Since(known, model, organization, personClass, at);
            var state = reference.State(model, organization, personClass, at);
            var what = $"{model} {organization} {personClass} at {at:O}, since {since:O}";

            if (since is { } start)
            {
                start.ShouldBeLessThanOrEqualTo(at, what);
                reference.State(model, organization, personClass, start).ShouldBe(state, what);
                reference.State(model, organization, personClass, start.AddTicks(-1)).ShouldNotBe(state, what);
            }
            else
            {
                reference.State(model, organization, personClass, DateTimeOffset.MinValue).ShouldBe(state, what);
            }

            var from = since ?? DateTimeOffset.MinValue;
            foreach (var change in reference.Instants.Where(x => x > from && x <= at))
            {
                reference.State(model, organization, personClass, change).ShouldBe(state, $"{what}: changes at {change:O}");
                reference.State(model, organization, personClass, change.AddTicks(-1)).ShouldBe(state, $"{what}: changes just before {change:O}");
            }
        }
    }
}
