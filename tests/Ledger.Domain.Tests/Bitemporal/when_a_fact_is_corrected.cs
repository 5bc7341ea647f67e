using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Bitemporal;

/// <summary>Product.md section 3: readers whose knowledge is before a correction still see the old value.</summary>
public class when_a_fact_is_corrected
{
    private const string Correction = "C-2026-07-02-01";
    private static readonly DateTimeOffset CorrectedEffective = Time.At("2026-06-28T00:00Z");

    private readonly TestLedger ledger = Recorded();
    private readonly long knownBefore;

    public when_a_fact_is_corrected()
    {
        knownBefore = ledger.Known.Position;
        ledger.RecordingAt(Time.At("2026-07-02T10:00Z"))
            .Given(Make.Correction(Correction, WaterCoopVetting, "effectiveAt", CorrectedEffective));
    }

    [Fact]
    public void knowledge_that_includes_the_correction_sees_the_new_value()
    {
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, CorrectedEffective).Legal.ShouldBe(Eased);
    }

    [Fact]
    public void knowledge_from_before_the_correction_sees_the_old_value()
    {
        var before = ledger.KnownAt(knownBefore);

        AccessSemantics.Evaluate(before, Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
        before.Find<OrganizationVetted>(WaterCoopVetting)!.EffectiveAt.ShouldBe(VettingsEffective);
    }

    [Fact]
    public void the_recorded_fact_itself_is_never_changed()
    {
        var known = ledger.Known.Find(WaterCoopVetting)!;

        ((OrganizationVetted)known.Recorded.Fact).EffectiveAt.ShouldBe(VettingsEffective);
        known.As<OrganizationVetted>().EffectiveAt.ShouldBe(CorrectedEffective);
        known.Corrections.ShouldHaveSingleItem().Position.ShouldBe(knownBefore + 1);
    }

    [Fact]
    public void the_stretch_of_a_cell_follows_the_corrected_time()
    {
        ledger.Cell(Mythos, WaterCoop, ForeignPerson, Time.At("2026-06-29T00:00Z")).Since.ShouldBe(CorrectedEffective);
        AccessMatrix.Cell(ledger.KnownAt(knownBefore), Mythos, WaterCoop, ForeignPerson, Time.At("2026-06-29T00:00Z")).Since
            .ShouldBe(VettedRestored);
    }

    [Fact]
    public void a_corrected_effective_time_makes_the_fact_retroactive_in_the_register()
    {
        ledger.Given(Make.Correction("C-2026-07-02-02", Directive, "effectiveAt", Time.At("2026-06-12T20:00Z")));

        var times = DirectiveEntry.At(ledger.Known, Directive, DuringTheEasing, Withholding.For(ledger.Known, Clearance.Full)).Times;
        times.EffectiveAt.ShouldBe(Time.At("2026-06-12T20:00Z"));
        times.Retroactive.ShouldBeTrue();
        DirectiveEntry.At(ledger.Known, Directive, DuringTheEasing, Withholding.For(ledger.Known, Clearance.Full)).Corrections.Select(c => c.EventId).ShouldBe(["C-2026-07-02-02"]);
    }
}
