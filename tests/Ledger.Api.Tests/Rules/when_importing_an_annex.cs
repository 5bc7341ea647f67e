namespace Ledger.Api.Tests.Rules;

/// <summary>
/// An easing's annex, imported in one request: every entry recorded as its own vetting, in order, or none of them,
/// with a refusal that names the entry at fault.
/// </summary>
public class when_importing_an_annex(AppFixture app) : IntegrationContext(app)
{
    private static readonly string[] Listed = ["o-annex-a", "o-annex-b", "o-annex-c", "o-annex-d", "o-annex-e", "o-annex-f"];

    protected override async Task Given()
    {
        await Host.RecordedReferenceScenario();
        foreach (var organization in Listed)
            await Host.Recorded(Paths.Organizations, Requests.Organization(organization));
    }

    private static JsonObject Annex(params (string Organization, string Vetting, string Outcome)[] entries) => new()
    {
        ["vettedBy"] = "BIS End-User Review Committee",
        ["criteria"] = new JsonArray("critical-infrastructure operator", "no foreign ownership"),
        ["effectiveAt"] = DuringTheEasing,
        ["vettings"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
        {
            ["organizationId"] = e.Organization, ["vettingId"] = e.Vetting, ["outcome"] = e.Outcome,
        }).ToArray()),
    };

    /// <summary>The legal half of the check: whether the directive, as eased, lets the organisation in (the provider's suspension is another matter).</summary>
    private async Task<string> Legal(string organization, string asOf) =>
        (await Host.Post(Paths.Check, Requests.Check(Mythos, organization, ForeignPerson, asOf))).Str("legal");

    [Fact]
    public async Task every_entry_is_recorded_as_its_own_vetting_in_the_order_listed()
    {
        var reply = await Host.Post(Paths.Annex(Easing), Annex(("o-annex-a", "V-annex-a", "approved"), ("o-annex-b", "V-annex-b", "rejected")));

        reply.Status.ShouldBe(201, reply.ToString());
        reply.Str("easingId").ShouldBe(Easing);
        var receipts = reply.Json["vettings"]!.Deserialize<Receipt[]>(Support.Api.Web)!;
        receipts.Select(r => r.Id).ShouldBe(["V-annex-a", "V-annex-b"]);
        receipts[1].Position.ShouldBeGreaterThan(receipts[0].Position);
        (await Legal("o-annex-a", DuringTheEasing)).ShouldBe("eased");
        (await Legal("o-annex-a", BeforeTheEasing)).ShouldBe("restricted");
        (await Legal("o-annex-b", DuringTheEasing)).ShouldBe("restricted");
        var history = (await Host.Get("/api/organizations/o-annex-a/history")).Text;
        history.ShouldContain("V-annex-a");
        history.ShouldContain("BIS End-User Review Committee");
    }

    [Fact]
    public async Task one_entry_that_names_an_unregistered_organisation_refuses_the_whole_annex()
    {
        var annex = Annex(("o-annex-c", "V-annex-c", "approved"), ("o-never-registered", "V-annex-never", "approved"), ("o-annex-d", "V-annex-d", "approved"));

        var reply = await Refused(() => Host.Post(Paths.Annex(Easing), annex));

        reply.ShouldBeProblem(404, "organization-not-found", "vettings[1].organizationId");
        (await Legal("o-annex-c", DuringTheEasing)).ShouldBe("restricted");
    }

    [Fact]
    public async Task a_vetting_id_already_recorded_is_409_at_its_entry()
    {
        var reply = await Refused(() => Host.Post(Paths.Annex(Easing), Annex(("o-annex-e", "V-annex-e", "approved"), ("o-annex-f", WaterCoopVetting, "approved"))));

        reply.ShouldBeProblem(409, "duplicate-id", "vettings[1].vettingId");
    }

    [Fact]
    public async Task a_vetting_id_used_twice_in_the_annex_is_409_at_its_second_entry()
    {
        var reply = await Refused(() => Host.Post(Paths.Annex(Easing), Annex(("o-annex-e", "V-annex-twice", "approved"), ("o-annex-f", "V-annex-twice", "approved"))));

        reply.ShouldBeProblem(409, "duplicate-id", "vettings[1].vettingId");
    }

    [Fact]
    public async Task an_organisation_listed_twice_is_422_at_its_second_entry()
    {
        var reply = await Refused(() => Host.Post(Paths.Annex(Easing),
            Annex(("o-annex-e", "V-annex-e1", "approved"), ("o-annex-f", "V-annex-f1", "approved"), ("o-annex-e", "V-annex-e2", "rejected"))));

        reply.ShouldBeProblem(422, "organization-listed-twice", "vettings[2].organizationId");
    }

    [Fact]
    public async Task an_annex_listing_nobody_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Annex(Easing), Annex()));

        reply.ShouldBeProblem(400, "empty-annex", "vettings");
    }

    [Fact]
    public async Task an_annex_of_an_unknown_easing_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Annex("E-NEVER"), Annex(("o-annex-e", "V-annex-no-easing", "approved"))));

        reply.ShouldBeProblem(404, "easing-not-found", "easingId");
    }

    [Fact]
    public async Task an_expiry_before_the_annex_takes_effect_is_422_on_the_annex()
    {
        var annex = Annex(("o-annex-e", "V-annex-expired", "approved")).With("expiresAt", "2026-06-27T11:00:00Z");

        var reply = await Refused(() => Host.Post(Paths.Annex(Easing), annex));

        reply.ShouldBeProblem(422, "expiry-not-after-effect", "expiresAt");
    }

    [Fact]
    public async Task a_malformed_entry_is_400_naming_its_json_path()
    {
        var annex = Annex(("o-annex-e", "V-annex-bad", "approved"), ("o-annex-f", "V-annex-bad-outcome", "maybe"));

        var reply = await Refused(() => Host.Post(Paths.Annex(Easing), annex));

        reply.ShouldBeProblem(400, "invalid-body", "vettings[1].outcome");
    }

    [Fact]
    public async Task if_match_is_400_because_an_annex_spans_streams()
    {
        var reply = await Refused(() => Host.Post(Paths.Annex(Easing), Annex(("o-annex-e", "V-annex-if-match", "approved")), ifMatch: "\"1\""));

        reply.ShouldBeProblem(400, "if-match-not-applicable", "If-Match");
    }

    [Fact]
    public async Task the_same_annex_sent_again_with_its_key_gets_the_first_answer_and_records_nothing()
    {
        var annex = Annex(("o-annex-e", "V-annex-key-e", "approved"), ("o-annex-f", "V-annex-key-f", "approved"));
        var first = await Host.Post(Paths.Annex(Easing), annex, idempotencyKey: "annex-import-1");
        first.Status.ShouldBe(201, first.ToString());

        var again = await Refused(() => Host.Post(Paths.Annex(Easing), annex, idempotencyKey: "annex-import-1"));

        again.Status.ShouldBe(201, again.ToString());
        JsonNode.DeepEquals(again.Json, first.Json).ShouldBeTrue(again.ToString());
    }
}
