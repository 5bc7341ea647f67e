using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Support;

/// <summary>The usual starting points of a rule test, named after the reference scenario.</summary>
public static class Given
{
    public static TestLedger Registered() =>
        new TestLedger().Given(
            Make.Model(Fable),
            Make.Model(Mythos),
            Make.Organization(Provider, addressee: true),
            Make.Organization(WaterCoop),
            Make.Organization(GridDefense),
            Make.Organization(Acme));

    public static TestLedger DirectiveInForce(PersonScope persons = PersonScope.ForeignPersons) =>
        Registered().Given(Make.Directive(Directive, [Fable, Mythos], persons, DirectiveEffective));

    public static TestLedger Eased(PersonScope persons = PersonScope.ForeignPersons, bool listed = true, bool addressee = true) =>
        DirectiveInForce(persons).Given(Make.Easing(Directive, Easing, [Mythos], EasingEffective, listed, addressee));
}
