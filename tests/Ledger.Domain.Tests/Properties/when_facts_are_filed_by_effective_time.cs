using FsCheck.Xunit;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

/// <summary>
/// The indexes kept by effective time answer exactly what walking every fact answers (the definitions they
/// replaced on the hot paths), through corrections that move facts in time or between organisations and easings.
/// </summary>
public class when_facts_are_filed_by_effective_time
{
    private static readonly PersonClass[] Classes = [PersonClass.UsPerson, PersonClass.ForeignPerson];

    private static IEnumerable<LedgerKnowledge> Knowledge(Replayed replayed)
    {
        var head = replayed.Snapshots.Count - 1;
        return new[] { head / 3, 2 * head / 3, head }.Distinct().Select(p => replayed.Snapshots[p]);
    }

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(Timelines) })]
    public void a_cells_change_points_are_the_instants_of_the_facts_touching_it(Timeline timeline)
    {
        foreach (var known in Knowledge(Replayed.Of(timeline)))
        foreach (var model in Models)
        foreach (var organization in Rows)
        {
            var touching = CellFacts.Touching(known, model, organization).ToList();
            var all = touching.Select(touch => touch.At).Distinct().Order().ToList();
            Stretch.ChangePoints(known, model, organization).ShouldBe(all, $"{model} {organization}");
            foreach (var personClass in Classes)
            foreach (var from in timeline.Probes.Concat(all).Select(at => (DateTimeOffset?)at).Append(null))
            {
                var cell = new CellKey(model, organization, personClass);
                var start = all.Where(at => at <= from).Cast<DateTimeOffset?>().LastOrDefault();
                var expected = touching.Where(touch => touch.At > from || from is null).Where(touch => Counts(known, touch.Fact, cell)).Select(touch => touch.At)
                    .Concat(start is { } at ? [at] : [])
                    .Distinct().Order().ToList();
                Stretch.ChangePoints(known, cell, from).ShouldBe(expected, $"{cell} from {from:O}");
            }
        }
    }

    /// <summary>The facts whose instants can change one cell's answer: not a provider act for the other class, nor a vetting under an easing that does not release its model.</summary>
    private static bool Counts(LedgerKnowledge known, KnownFact fact, CellKey cell) => fact.Current switch
    {
        IProviderAct act => act.PersonClasses.Contains(cell.PersonClass),
        OrganizationVetted vetting => known.Find<EasingGranted>(vetting.EasingId)!.Models.Contains(cell.ModelId),
        VettingRevoked revocation => known.Find<EasingGranted>(known.Find<OrganizationVetted>(revocation.VettingId)!.EasingId)!.Models.Contains(cell.ModelId),
        _ => true,
    };

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(Timelines) })]
    public void the_latest_provider_act_annex_decision_and_directive_acts_are_those_of_a_walk_through_every_fact(Timeline timeline)
    {
        foreach (var known in Knowledge(Replayed.Of(timeline)))
        foreach (var at in timeline.Probes.Concat(known.Facts.Values.Select(f => f.Current.EffectiveAt).OfType<DateTimeOffset>()))
        {
            foreach (var model in Models)
            foreach (var organization in Rows)
            foreach (var personClass in Classes)
            {
                var walked = known.ProviderActsOf(model, organization)
                    .Where(f => f.Current is IProviderAct act && act.EffectiveAt <= at && act.PersonClasses.Contains(personClass))
                    .OrderBy(f => ((IProviderAct)f.Current).EffectiveAt).ThenBy(f => f.Position)
                    .LastOrDefault();
                (AccessSemantics.LatestProviderAct(known, model, organization, personClass, at)?.Id).ShouldBe(walked?.Id, $"{model} {organization} {personClass} at {at:O}");
            }

            foreach (var organization in Organizations)
            foreach (var easingId in known.EasingDirective.Keys)
            {
                var walked = known.VettingsOf(organization)
                    .Where(f => f.As<OrganizationVetted>().EasingId == easingId && f.As<OrganizationVetted>().EffectiveAt <= at)
                    .OrderBy(f => f.As<OrganizationVetted>().EffectiveAt).ThenBy(f => f.Position)
                    .LastOrDefault();
                (Annex.Of(known, organization, easingId, at).Decision?.Id).ShouldBe(walked?.Id, $"{organization} {easingId} at {at:O}");
            }

            foreach (var directiveId in known.Directives)
            {
                var walked = known.ActsOf(directiveId)
                    .Where(f => f.Current.EffectiveAt <= at)
                    .OrderBy(f => f.Current.EffectiveAt).ThenBy(f => f.Position)
                    .ToList();
                var inForce = DirectiveInForce.Of(known, directiveId, at);
                inForce.ScopeSource.Id.ShouldBe(walked.LastOrDefault(f => f.Current is DirectiveAmended)?.Id ?? directiveId, $"{directiveId} at {at:O}");
                inForce.Rescissions.Select(f => f.Id).ShouldBe(walked.Where(f => f.Current is DirectiveRescinded).Select(f => f.Id), $"{directiveId} at {at:O}");
                inForce.Easings.Select(f => f.Id).ShouldBe(walked.Where(f => f.Current is EasingGranted).Select(f => f.Id), $"{directiveId} at {at:O}");
            }
        }
    }
}
