using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md section 5 and 10.17: an unknown class is allowed only when both classes are.</summary>
public class when_the_person_class_is_unknown
{
    private readonly TestLedger ledger = Recorded();

    [Fact]
    public void it_is_allowed_where_both_classes_are_allowed()
    {
        ledger.Evaluate(Mythos, WaterCoop, Unknown, DuringTheEasing).Access.ShouldBe(Allowed);
        ledger.Evaluate(Fable, Acme, Unknown, BeforeTheDirective).Access.ShouldBe(Allowed);
    }

    [Fact]
    public void it_fails_closed_where_only_foreign_persons_are_denied()
    {
        var between = Time.At("2026-06-12T23:00Z");
        ledger.Evaluate(Mythos, Acme, UsPerson, between).Access.ShouldBe(Allowed);
        ledger.Evaluate(Mythos, Acme, ForeignPerson, between).Access.ShouldBe(Denied);

        var verdict = ledger.Evaluate(Mythos, Acme, Unknown, between);

        verdict.State.ShouldBe((Restricted, Enabled, Denied));
        verdict.Reasons[0].ShouldBe("denied (fail closed): the person class is unknown and at least one class is denied");
    }

    [Fact]
    public void it_fails_closed_where_everyone_is_denied()
    {
        var verdict = ledger.Evaluate(Fable, Everyone, Unknown, DuringTheEasing);

        verdict.Access.ShouldBe(Denied);
        verdict.Basis.Select(b => b.EventId).ShouldBe([Directive, FableSuspension]);
    }
}
