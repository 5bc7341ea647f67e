using FsCheck.Xunit;
using static Ledger.Domain.Tests.Properties.Timeline;

namespace Ledger.Domain.Tests.Properties;

public class when_a_suspension_is_appended
{
    [Property(MaxTest = 150, Arbitrary = new[] { typeof(Timelines) })]
    public void no_denied_cell_becomes_allowed_and_only_cells_it_covers_can_change(Timeline timeline, Suspend suspend)
    {
        var replayed = Replayed.Of(timeline);
        var before = replayed.Ledger.Known;
        var suspension = Replayed.Suspension("S-extra", suspend);

        replayed.Propose(suspension).ShouldBeOfType<Decision.Admitted>();

        var after = replayed.Ledger.Known;
        foreach (var at in timeline.Probes.Append(suspension.EffectiveAt))
        foreach (var model in Models)
        foreach (var organization in Rows)
        foreach (var personClass in new[] { PersonClass.UsPerson, PersonClass.ForeignPerson })
        {
            var was = AccessSemantics.Evaluate(before, model, organization, personClass, at);
            var now = AccessSemantics.Evaluate(after, model, organization, personClass, at);
            var what = $"{model} {organization} {personClass} at {at:O}";
            if (was.Access == Denied)
                now.Access.ShouldBe(Denied, what);
            var covered = model == suspension.ModelId
                          && suspension.PersonClasses.Contains(personClass)
                          && (suspension.OrganizationId == FactIds.Everyone || suspension.OrganizationId == organization)
                          && suspension.EffectiveAt <= at;
            if (covered && now.State != was.State)
                now.State.ShouldBe((was.Legal, ProviderState.Suspended, Denied), what);
            else
                now.State.ShouldBe(was.State, what);
        }
    }
}
