using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Bitemporal;

public class when_knowledge_is_folded_to_a_position
{
    private readonly TestLedger ledger = Recorded();

    [Fact]
    public void it_knows_exactly_the_facts_recorded_up_to_that_position()
    {
        var position = ledger.RecordOf(Easing).Position;

        var known = ledger.KnownAt(position);

        known.Position.ShouldBe(position);
        known.Facts.Keys.ShouldBe(ledger.Recorded.Where(r => r.Position <= position).Select(r => r.Fact.FactId), ignoreOrder: true);
        known.Find(WaterCoopVetting).ShouldBeNull();
    }

    [Fact]
    public void a_value_held_by_a_reader_does_not_move_when_the_ledger_does()
    {
        var held = ledger.Known;
        var answer = AccessMatrix.Evaluate(held, DuringTheEasing).Select(Cells.Line).ToList();

        ledger.Given(Make.Suspension("S-2026-07-02-01", Mythos, Everyone, DuringTheEasing));

        held.Find("S-2026-07-02-01").ShouldBeNull();
        AccessMatrix.Evaluate(held, DuringTheEasing).Select(Cells.Line).ShouldBe(answer);
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Access.ShouldBe(Denied);
    }

    [Fact]
    public void registrations_count_at_every_as_of_but_only_from_their_position()
    {
        var beforeAcme = ledger.RecordOf(Acme).Position - 1;

        AccessMatrix.Evaluate(ledger.KnownAt(beforeAcme), Time.At("2020-01-01T00:00Z")).ShouldNotContain(c => c.OrganizationId == Acme);
        AccessMatrix.Evaluate(ledger.Known, Time.At("2020-01-01T00:00Z")).Count(c => c.OrganizationId == Acme).ShouldBe(4);
    }
}
