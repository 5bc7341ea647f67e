using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>Product.md 10.17: an organisation nobody registered is answered from the <c>*</c> row.</summary>
public class when_an_unregistered_organisation_is_checked
{
    private const string Stranger = "unregistered-co";

    private readonly TestLedger ledger = Recorded();

    [Theory]
    [InlineData("2026-06-12T20:00Z")]
    [InlineData("2026-06-12T23:00Z")]
    [InlineData("2026-06-27T12:00Z")]
    [InlineData("2026-07-01T15:00Z")]
    public void it_gets_the_answer_of_everyone_not_registered(string at)
    {
        foreach (var model in Models)
        foreach (var personClass in new[] { UsPerson, ForeignPerson, Unknown })
            ledger.Evaluate(model, Stranger, personClass, Time.At(at)).State
                .ShouldBe(ledger.Evaluate(model, Everyone, personClass, Time.At(at)).State, $"{model} {personClass}");
    }

    [Fact]
    public void it_is_never_eased_even_where_the_addressee_is()
    {
        ledger.Evaluate(Mythos, Stranger, ForeignPerson, DuringTheEasing).State.ShouldBe((Restricted, Suspended, Denied));
        ledger.Evaluate(Mythos, Provider, ForeignPerson, DuringTheEasing).State.ShouldBe((Eased, Enabled, Allowed));
    }
}
