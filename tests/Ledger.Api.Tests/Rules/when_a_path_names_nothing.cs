namespace Ledger.Api.Tests.Rules;

/// <summary>Product.md 10.11 and 10.16: the records a write's path names must exist (404).</summary>
public class when_a_path_names_nothing(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task easing_an_unknown_directive_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Easings("D-NEVER-ISSUED"), Requests.Easing("E-404", [Mythos], "2026-06-27T00:00:00Z")));

        reply.ShouldBeProblem(404, "directive-not-found", "directiveId");
    }

    [Fact]
    public async Task amending_an_unknown_directive_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Amendments("D-NEVER-ISSUED"), Requests.Amendment("A-404", [Mythos], "2026-06-27T00:00:00Z")));

        reply.ShouldBeProblem(404, "directive-not-found", "directiveId");
    }

    [Fact]
    public async Task rescinding_an_unknown_directive_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Rescissions("D-NEVER-ISSUED"), Requests.Rescission("RS-404", "2026-06-27T00:00:00Z")));

        reply.ShouldBeProblem(404, "directive-not-found", "directiveId");
    }

    [Fact]
    public async Task vetting_an_unknown_organisation_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings("never-registered"), Requests.Vetting("V-404", Easing, "2026-06-27T00:00:00Z")));

        reply.ShouldBeProblem(404, "organization-not-found", "organizationId");
    }

    [Fact]
    public async Task revoking_a_vetting_held_by_another_organisation_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Revocations(Acme, WaterCoopVetting), Requests.Revocation("2026-06-28T00:00:00Z")));

        reply.ShouldBeProblem(404, "vetting-not-found", "vettingId");
    }

    [Fact]
    public async Task revoking_an_unknown_vetting_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Revocations(WaterCoop, "V-NEVER"), Requests.Revocation("2026-06-28T00:00:00Z")));

        reply.ShouldBeProblem(404, "vetting-not-found", "vettingId");
    }

    [Fact]
    public async Task revoking_through_an_unknown_organisation_is_404()
    {
        var reply = await Refused(() => Host.Post(Paths.Revocations("never-registered", WaterCoopVetting), Requests.Revocation("2026-06-28T00:00:00Z")));

        reply.ShouldBeProblem(404, "organization-not-found", "organizationId");
    }
}
