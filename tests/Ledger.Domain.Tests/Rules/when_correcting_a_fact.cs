using static Ledger.Domain.Tests.Support.ReferenceScenario;

namespace Ledger.Domain.Tests.Rules;

public class when_correcting_a_fact
{
    private const string Correction = "C-2026-06-30-01";

    private readonly TestLedger ledger = Given.Eased().Given(
        Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
        Make.Restoration(WaterCoopRestoration, Mythos, WaterCoop, VettedRestored));

    [Fact]
    public void a_correction_replaces_the_field_for_readers_and_keeps_the_original()
    {
        var expiry = Time.At("2026-07-31T00:00Z");

        ledger.Admits(Make.Correction(Correction, WaterCoopVetting, "expiresAt", expiry));

        var known = ledger.Known.Find(WaterCoopVetting)!;
        known.As<OrganizationVetted>().ExpiresAt.ShouldBe(expiry);
        ((OrganizationVetted)known.Recorded.Fact).ExpiresAt.ShouldBeNull();
        known.Corrections.Select(c => c.Fact.FactId).ShouldBe([Correction]);
        ledger.RecordOf(Correction).Fact.StreamId.ShouldBe(WaterCoop);
    }

    [Fact]
    public void the_latest_of_several_corrections_wins()
    {
        ledger.Given(
            Make.Correction(Correction, WaterCoopVetting, "expiresAt", Time.At("2026-07-31T00:00Z")),
            Make.Correction("C-2026-06-30-02", WaterCoopVetting, "expiresAt", Time.At("2026-07-15T00:00Z")));

        ledger.Known.Find<OrganizationVetted>(WaterCoopVetting)!.ExpiresAt.ShouldBe(Time.At("2026-07-15T00:00Z"));
    }

    [Fact]
    public void a_correction_of_an_unknown_field_is_400()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopVetting, "colour", "green"));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "unknown-field", "field"));
    }

    [Fact]
    public void a_correction_of_an_identity_field_is_422()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopVetting, "organizationId", GridDefense));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "identity-not-correctable", "field"));
    }

    [Fact]
    public void a_correction_of_an_id_in_the_path_is_422()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, Easing, "directiveId", "D-2026-06-12-02"));

        (violation.Status, violation.Rule).ShouldBe((422, "identity-not-correctable"));
    }

    [Fact]
    public void a_correction_of_a_correction_is_422()
    {
        ledger.Given(Make.Correction(Correction, WaterCoopVetting, "vettedBy", "legal@provider"));

        var violation = ledger.Refuses(Make.Correction("C-2026-06-30-02", Correction, "reason", "typo in the reason"));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "correction-of-correction", "eventId"));
    }

    [Fact]
    public void a_corrected_value_of_the_wrong_type_is_400()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopVetting, "effectiveAt", 42));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "invalid-value", "value"));
    }

    [Fact]
    public void a_corrected_value_outside_the_vocabulary_is_400()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopVetting, "outcome", "maybe"));

        (violation.Status, violation.Rule).ShouldBe((400, "invalid-value"));
    }

    [Fact]
    public void a_corrected_time_without_an_offset_is_400()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopVetting, "effectiveAt", "2026-06-26T18:00:00"));

        (violation.Status, violation.Rule).ShouldBe((400, "invalid-value"));
    }

    [Fact]
    public void a_corrected_fact_that_breaks_its_schema_is_400()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopVetting, "effectiveAt", Time.At("1960-01-01T00:00Z")));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((400, "instant-out-of-range", "value (effectiveAt)"));
    }

    [Fact]
    public void a_corrected_fact_that_breaks_a_rule_is_422()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopVetting, "expiresAt", EasingEffective));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "expiry-not-after-effect", "value (expiresAt)"));
    }

    [Fact]
    public void a_corrected_restoration_must_still_be_lawful()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, WaterCoopRestoration, "effectiveAt", Time.At("2026-06-20T00:00Z")));

        (violation.Status, violation.Rule).ShouldBe((422, "restoration-not-lawful"));
    }

    [Fact]
    public void facts_that_depend_on_the_corrected_fact_are_not_judged_again()
    {
        ledger.Admits(Make.Correction(Correction, WaterCoopVetting, "outcome", "rejected"));

        ledger.Known.Find(WaterCoopRestoration).ShouldNotBeNull();
        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Restricted);
    }

    [Fact]
    public void a_correction_of_an_unknown_fact_is_refused()
    {
        var violation = ledger.Refuses(Make.Correction(Correction, "V-2026-06-30-09", "vettedBy", "legal@provider"));

        (violation.Status, violation.Rule, violation.Field).ShouldBe((422, "fact-not-found", "eventId"));
    }

    [Fact]
    public void a_revocation_is_corrected_through_its_own_id()
    {
        ledger.Given(Make.Revocation(WaterCoop, WaterCoopVetting, DuringTheEasing));

        ledger.Admits(Make.Correction(Correction, $"{WaterCoopVetting}:revocation", "effectiveAt", Time.At("2026-06-28T00:00Z")));

        ledger.Evaluate(Mythos, WaterCoop, ForeignPerson, DuringTheEasing).Legal.ShouldBe(Eased);
    }
}
