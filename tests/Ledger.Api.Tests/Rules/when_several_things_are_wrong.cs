namespace Ledger.Api.Tests.Rules;

/// <summary>Product.md 10.16: the status is chosen in the order 400 shape, 413 size, 404 path, 412, 409 duplicate, 422 rule.</summary>
public class when_several_things_are_wrong(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task a_malformed_body_on_an_unknown_path_is_400()
    {
        var body = Requests.Easing("E-order", [Mythos], "2026-06-27T00:00:00Z").With("unexpected", 1);

        var reply = await Refused(() => Host.Post(Paths.Easings("D-NEVER-ISSUED"), body));

        reply.ShouldBeProblem(400, "invalid-body", "unexpected");
    }

    [Fact]
    public async Task a_malformed_id_in_the_path_is_400_not_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings("%2A"), Requests.Vetting("V-order", Easing, "2026-06-27T00:00:00Z")));

        reply.ShouldBeProblem(400, "invalid-id", "organizationId");
    }

    [Fact]
    public async Task an_oversized_body_on_an_unknown_path_is_413()
    {
        var body = Requests.Easing("E-order", [Mythos], "2026-06-27T00:00:00Z").With("conditions", new JsonArray(new string('x', 1024 * 1024)));

        var reply = await Refused(() => Host.Post(Paths.Easings("D-NEVER-ISSUED"), body));

        reply.ShouldBeProblem(413, "body-too-large");
    }

    [Fact]
    public async Task an_unknown_path_with_a_stale_version_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings("never-registered"), Requests.Vetting("V-order", Easing, "2026-06-27T00:00:00Z"), ifMatch: "\"9\""));

        reply.ShouldBeProblem(404, "organization-not-found", "organizationId");
    }

    [Fact]
    public async Task a_duplicate_with_a_stale_version_is_412()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(WaterCoop), Requests.Vetting(WaterCoopVetting, Easing, EasingEffective), ifMatch: "\"1\""));

        reply.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");
    }

    [Fact]
    public async Task a_duplicate_with_the_current_version_is_409()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(WaterCoop), Requests.Vetting(WaterCoopVetting, Easing, EasingEffective), ifMatch: "\"2\""));

        reply.ShouldBeProblem(409, "duplicate-id", "vettingId");
    }

    [Fact]
    public async Task a_duplicate_that_also_breaks_a_rule_is_409()
    {
        var unlawful = Requests.Restoration(WaterCoopRestoration, Mythos, Acme, [ForeignPerson], DuringTheEasing);

        var reply = await Refused(() => Host.Post(Paths.Restorations, unlawful));

        reply.ShouldBeProblem(409, "duplicate-id", "restorationId");
    }

    [Fact]
    public async Task a_duplicate_that_is_also_malformed_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Models, Requests.Model(Mythos, name: " ")));

        reply.ShouldBeProblem(400, "missing-text", "name");
    }

    [Fact]
    public async Task a_stale_version_on_a_write_that_breaks_a_rule_is_412()
    {
        var unlawful = Requests.Restoration("R-order", Mythos, Acme, [ForeignPerson], DuringTheEasing);

        var reply = await Refused(() => Host.Post(Paths.Restorations, unlawful, ifMatch: "\"1\""));

        reply.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");
    }
}
