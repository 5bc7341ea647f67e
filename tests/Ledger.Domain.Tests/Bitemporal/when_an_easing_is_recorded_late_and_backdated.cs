using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Bitemporal;

/// <summary>Product.md section 3: a backdated fact changes the past only for knowledge that includes it.</summary>
public class when_an_easing_is_recorded_late_and_backdated
{
    private static readonly DateTimeOffset June20 = Time.At("2026-06-20T00:00Z");
    private static readonly DateTimeOffset June25 = Time.At("2026-06-25T00:00Z");
    private static readonly DateTimeOffset RecordedLate = Time.At("2026-07-05T09:00Z");

    private readonly TestLedger ledger = Given.Registered();
    private readonly long knownBefore;

    public when_an_easing_is_recorded_late_and_backdated()
    {
        ledger.RecordingAt(Time.At("2026-06-12T21:30Z")).Given(
            Make.Directive(Directive, [Fable, Mythos], ForeignPersons, DirectiveEffective, DirectiveReceived));
        knownBefore = ledger.Known.Position;
        ledger.RecordingAt(RecordedLate).Given(
            Make.Easing(Directive, Easing, [Mythos], June20, receivedAt: RecordedLate),
            Make.Vetting(WaterCoop, WaterCoopVetting, Easing, June20));
    }

    [Fact]
    public void knowledge_from_before_it_was_recorded_still_answers_restricted()
    {
        AccessSemantics.Evaluate(ledger.KnownAt(knownBefore), Mythos, WaterCoop, ForeignPerson, June25).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void knowledge_that_includes_it_answers_eased_for_the_past()
    {
        AccessSemantics.Evaluate(ledger.Known, Mythos, WaterCoop, ForeignPerson, June25).Legal.ShouldBe(Eased);
    }

    [Fact]
    public void knowledge_before_it_does_not_know_the_easing_at_all()
    {
        var before = ledger.KnownAt(knownBefore);

        before.Find(Easing).ShouldBeNull();
        before.Position.ShouldBe(knownBefore);
        before.RecordedAt.ShouldBe(Time.At("2026-06-12T21:30Z"));
        DirectiveEntry.At(before, Directive, June25, Withholding.For(before, Clearance.Full)).Status.ShouldBe(DirectiveStatus.InForce);
        DirectiveEntry.At(ledger.Known, Directive, June25, Withholding.For(ledger.Known, Clearance.Full)).Status.ShouldBe(DirectiveStatus.Eased);
    }

    [Fact]
    public void the_backdated_easing_and_vetting_are_flagged_retroactive()
    {
        ledger.RecordOf(Easing).Retroactive.ShouldBeTrue();
        ledger.RecordOf(WaterCoopVetting).Retroactive.ShouldBeTrue();
        ledger.RecordOf(Directive).Retroactive.ShouldBeFalse();
        ledger.RecordOf(Mythos).Retroactive.ShouldBeFalse();
    }

    [Fact]
    public void the_register_shows_the_easing_as_retroactive()
    {
        var easing = DirectiveEntry.At(ledger.Known, Directive, June25, Withholding.For(ledger.Known, Clearance.Full)).Easings.ShouldHaveSingleItem();

        easing.InForce.ShouldBeTrue();
        easing.Times.Retroactive.ShouldBeTrue();
        easing.Times.RecordedAt.ShouldBe(RecordedLate);
    }

    [Fact]
    public void a_fact_effective_when_it_was_received_is_not_retroactive_however_late_it_is_recorded()
    {
        ledger.RecordingAt(Time.At("2026-07-10T00:00Z"))
            .Given(Make.Easing(Directive, "E-2026-07-06-01", [Fable], Time.At("2026-07-06T00:00Z")));

        ledger.RecordOf("E-2026-07-06-01").Retroactive.ShouldBeFalse();
    }
}
