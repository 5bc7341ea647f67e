using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Scenario;

public class when_a_regulator_reconstructs_the_reference_scenario
{
    private readonly TestLedger ledger = Recorded();

    private IReadOnlyList<string> MatrixAt(DateTimeOffset at) => AccessMatrix.Evaluate(ledger.Known, at).Select(Cells.Line).ToList();

    private static IEnumerable<string> Expected(Func<string, string, PersonClass, (LegalState, ProviderState, Vocabulary.Access)> expect) =>
        from model in Models
        from organization in MatrixRows
        from personClass in AccessMatrix.Classes
        let cell = expect(model, organization, personClass)
        select Cells.Line(model, organization, personClass, cell.Item1, cell.Item2, cell.Item3);

    [Fact]
    public void every_fact_of_the_scenario_is_admitted()
    {
        ledger.Recorded.Count.ShouldBe(21);
        ledger.Known.Models.ShouldBe([Fable, Mythos]);
        ledger.Known.Organizations.ShouldBe([Provider, WaterCoop, GridDefense, StateCyber, Acme]);
    }

    [Fact]
    public void before_the_directive_everything_is_allowed()
    {
        MatrixAt(BeforeTheDirective).ShouldBe(Expected((_, _, _) => (Unrestricted, Enabled, Allowed)), ignoreOrder: true);
    }

    [Fact]
    public void during_the_easing_mythos_is_allowed_for_the_vetted_and_the_addressee_and_fable_is_denied_for_everyone()
    {
        MatrixAt(DuringTheEasing).ShouldBe(Expected((model, organization, personClass) =>
            (model, organization, personClass) switch
            {
                (Mythos, _, UsPerson) when Vetted.Contains(organization) || organization == Provider => (Unrestricted, Enabled, Allowed),
                (Mythos, _, ForeignPerson) when Vetted.Contains(organization) || organization == Provider => (Eased, Enabled, Allowed),
                (_, _, UsPerson) => (Unrestricted, Suspended, Denied),
                _ => (Restricted, Suspended, Denied),
            }), ignoreOrder: true);
    }

    [Fact]
    public void after_the_rescission_and_the_restorations_everything_is_allowed_again()
    {
        MatrixAt(AfterTheRescission).ShouldBe(Expected((_, _, _) => (Unrestricted, Enabled, Allowed)), ignoreOrder: true);
    }

    [Fact]
    public void at_the_instant_of_the_rescission_everything_is_already_allowed()
    {
        MatrixAt(RescissionEffective).ShouldBe(Expected((_, _, _) => (Unrestricted, Enabled, Allowed)), ignoreOrder: true);
    }

    [Fact]
    public void the_denial_of_acme_foreign_persons_names_the_directive_and_the_easing_and_the_missing_vetting()
    {
        var cell = ledger.Cell(Mythos, Acme, ForeignPerson, DuringTheEasing);

        cell.Access.ShouldBe(Denied);
        cell.Explanation.ShouldStartWith("denied: foreign-person use of mythos-5 by acme-analytics");
        cell.Explanation.ShouldContain($"directive {Directive} (in force since 2026-06-12T21:21:00Z) restricts foreign-person use of mythos-5");
        cell.Explanation.ShouldContain($"easing {Easing} releases mythos-5 but acme-analytics has no approved vetting under easing {Easing}");
        cell.Explanation.ShouldContain($"the provider suspended mythos-5 for everyone ({MythosSuspension}, effective 2026-06-13T04:00:00Z)");
        cell.Basis.Select(b => (b.EventId, b.Type)).ShouldBe([
            (Directive, "directive-issued.v2"),
            (MythosSuspension, "access-suspended.v1"),
            (Easing, "easing-granted.v1"),
        ]);
        cell.Basis.Select(b => b.Position).ShouldBe(cell.Basis.Select(b => b.Position).Order());
    }

    [Fact]
    public void the_allowance_of_a_vetted_organisation_rests_on_its_vetting_and_its_restoration()
    {
        var cell = ledger.Cell(Mythos, WaterCoop, ForeignPerson, DuringTheEasing);

        cell.Explanation.ShouldContain($"{WaterCoop} is on its annex by vetting {WaterCoopVetting}");
        cell.Basis.Select(b => b.EventId).ShouldBe([Directive, Easing, WaterCoopVetting, WaterCoopRestoration], ignoreOrder: true);
    }

    [Fact]
    public void the_addressees_foreign_employees_are_released_by_the_easing_itself()
    {
        var cell = ledger.Cell(Mythos, Provider, ForeignPerson, DuringTheEasing);

        cell.Explanation.ShouldContain($"easing {Easing} releases mythos-5 for the addressee's foreign employees, and {Provider} is the addressee");
        cell.Basis.Select(b => b.EventId).ShouldBe([Provider, Directive, Easing, ProviderRestoration], ignoreOrder: true);
    }

    [Fact]
    public void the_register_shows_the_directive_pending_in_force_eased_and_rescinded_in_turn()
    {
        DirectiveEntry.At(ledger.Known, Directive, BeforeTheDirective, Withholding.For(ledger.Known, Clearance.Full)).Status.ShouldBe(DirectiveStatus.Pending);
        DirectiveEntry.At(ledger.Known, Directive, Time.At("2026-06-20T00:00Z"), Withholding.For(ledger.Known, Clearance.Full)).Status.ShouldBe(DirectiveStatus.InForce);
        DirectiveEntry.At(ledger.Known, Directive, DuringTheEasing, Withholding.For(ledger.Known, Clearance.Full)).Status.ShouldBe(DirectiveStatus.Eased);
        DirectiveEntry.At(ledger.Known, Directive, AfterTheRescission, Withholding.For(ledger.Known, Clearance.Full)).Status.ShouldBe(DirectiveStatus.Rescinded);
    }

    [Fact]
    public void the_register_keeps_the_local_wall_time_the_directive_was_received_at()
    {
        var times = DirectiveEntry.At(ledger.Known, Directive, DuringTheEasing, Withholding.For(ledger.Known, Clearance.Full)).Times;

        times.ReceivedAt.ShouldBe(DirectiveEffective);
        times.ReceivedTimeZone.ShouldBe(Make.NewYork);
        times.ReceivedLocalTime.ShouldBe("2026-06-12T17:21:00");
        times.Retroactive.ShouldBeFalse();
    }
}
