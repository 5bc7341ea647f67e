namespace Ledger.Api.Tests.Rules;

/// <summary>
/// Product.md section 3 and 10.12: a correction replaces one top-level field of a recorded fact for readers who know
/// it; the corrected fact must still pass its schema (400) and its rules (422); readers before it see the old value.
/// </summary>
public class when_correcting_a_fact(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task correcting_a_vettings_expiry_changes_the_answer_only_for_readers_who_know_the_correction()
    {
        var cell = $"asOf={DuringTheEasing}&modelId={Mythos}&organizationId={WaterCoop}";
        var before = await Host.Matrix(cell);
        before[Mythos, WaterCoop, ForeignPerson].Access.ShouldBe("allowed");

        var receipt = await Host.Recorded(Paths.Corrections,
            Requests.Correction("C-expiry", WaterCoopVetting, "expiresAt", JsonValue.Create("2026-06-27T00:00:00Z"), "the annex lapsed on 27 June"));

        receipt.Id.ShouldBe("C-expiry");
        var after = await Host.Matrix(cell);
        after.Position.ShouldBe(receipt.Position);
        var corrected = after[Mythos, WaterCoop, ForeignPerson];
        corrected.Legal.ShouldBe("restricted");
        corrected.Access.ShouldBe("denied");
        corrected.Explanation.ShouldContain("expired");
        after[Mythos, WaterCoop, UsPerson].Access.ShouldBe("allowed");

        var asKnownBefore = await Host.Matrix($"{cell}&position={receipt.Position - 1}");
        asKnownBefore[Mythos, WaterCoop, ForeignPerson].Access.ShouldBe("allowed");
        asKnownBefore[Mythos, WaterCoop, ForeignPerson].Legal.ShouldBe("eased");
        var knownAtBefore = await Host.Matrix($"{cell}&knownAt={Instants.Rfc3339(receipt.RecordedAt.AddTicks(-10))}");
        knownAtBefore[Mythos, WaterCoop, ForeignPerson].Access.ShouldBe("allowed");
        (await Host.Matrix($"asOf=2026-06-26T20:00:00Z&modelId={Mythos}&organizationId={WaterCoop}"))[Mythos, WaterCoop, ForeignPerson].Access.ShouldBe("allowed");
    }

    [Fact]
    public async Task correcting_a_revocation_by_its_derived_id_moves_the_loss_of_access()
    {
        await Host.Recorded(Paths.Revocations(StateCyber, StateCyberVetting), Requests.Revocation("2026-06-28T00:00:00Z"));
        (await Check(StateCyber)).ShouldBe("allowed");

        await Host.Recorded(Paths.Corrections,
            Requests.Correction("C-revocation", $"{StateCyberVetting}:revocation", "effectiveAt", JsonValue.Create("2026-06-27T00:00:00Z")));

        (await Check(StateCyber)).ShouldBe("denied");
    }

    [Fact]
    public async Task a_received_time_zone_recorded_wrongly_can_be_corrected()
    {
        await Host.Recorded(Paths.Directives, Requests.Directive("D-zone", [Mythos], "2026-08-01T00:00:00Z",
            receivedAt: "2026-07-31T22:00:00Z", receivedTimeZone: "America/Chicago"));

        var reply = await Host.Post(Paths.Corrections,
            Requests.Correction("C-zone", "D-zone", "receivedTimeZone", JsonValue.Create("America/New_York"), "received in the New York office"));

        reply.Status.ShouldBe(201, reply.ToString());
        var times = (await Host.Get("/api/directives/D-zone?asOf=2026-08-02T00:00:00Z")).Json["directive"]!["times"]!;
        times["receivedTimeZone"]!.GetValue<string>().ShouldBe("America/New_York");
        times["receivedLocalTime"]!.GetValue<string>().ShouldBe("2026-07-31T18:00:00");
        DateTimeOffset.Parse(times["receivedAt"]!.GetValue<string>()).ShouldBe(DateTimeOffset.Parse("2026-07-31T22:00:00Z"));
    }

    [Fact]
    public async Task correcting_a_correction_is_422()
    {
        await Host.Recorded(Paths.Corrections, Requests.Correction("C-first", GridDefenseVetting, "vettedBy", JsonValue.Create("legal@frontier-labs")));

        var reply = await Refused(() => Host.Post(Paths.Corrections, Requests.Correction("C-second", "C-first", "reason", JsonValue.Create("another reason"))));

        reply.ShouldBeProblem(422, "correction-of-correction", "eventId");
    }

    [Fact]
    public async Task correcting_an_unknown_fact_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections, Requests.Correction("C-nothing", "V-NEVER", "vettedBy", JsonValue.Create("x"))));

        reply.ShouldBeProblem(422, "fact-not-found", "eventId");
    }

    [Theory]
    [InlineData("vettingId")]
    [InlineData("organizationId")]
    public async Task correcting_an_identity_field_is_422(string field)
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections, Requests.Correction("C-identity", WaterCoopVetting, field, JsonValue.Create("other"))));

        reply.ShouldBeProblem(422, "identity-not-correctable", "field");
    }

    [Fact]
    public async Task correcting_a_field_the_fact_does_not_have_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections, Requests.Correction("C-no-field", WaterCoopVetting, "colour", JsonValue.Create("red"))));

        reply.ShouldBeProblem(400, "unknown-field", "field");
    }

    [Theory]
    [InlineData("expiresAt", "5")]
    [InlineData("expiresAt", "\"2026-06-30T00:00:00\"")]
    [InlineData("outcome", "\"maybe\"")]
    [InlineData("vettedBy", "null")]
    public async Task a_value_of_the_wrong_type_is_400(string field, string value)
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections, Requests.Correction("C-bad-value", WaterCoopVetting, field, JsonNode.Parse(value))));

        reply.ShouldBeProblem(400, "invalid-value", "value");
    }

    [Fact]
    public async Task a_corrected_fact_that_breaks_its_schema_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections, Requests.Correction("C-empty", WaterCoopVetting, "vettedBy", JsonValue.Create(" "))));

        reply.ShouldBeProblem(400, "missing-text", "value (vettedBy)");
    }

    [Fact]
    public async Task a_corrected_fact_that_breaks_its_rules_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections,
            Requests.Correction("C-before", WaterCoopVetting, "expiresAt", JsonValue.Create("2026-06-01T00:00:00Z"))));

        reply.ShouldBeProblem(422, "expiry-not-after-effect", "value (expiresAt)");
    }

    [Fact]
    public async Task a_correction_without_a_reason_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections, Requests.Correction("C-no-reason", WaterCoopVetting, "vettedBy", JsonValue.Create("x"), reason: "")));

        reply.ShouldBeProblem(400, "missing-text", "reason");
    }

    private async Task<string> Check(string organization) =>
        (await Host.Post(Paths.Check, Requests.Check(Mythos, organization, ForeignPerson, DuringTheEasing))).Str("access");
}
