namespace Ledger.Api.Tests.Rules;

/// <summary>Product.md rule 4, 10.7 and 10.11: vettings need their easing; revocations only of an approval, once, not before it.</summary>
public class when_vetting_and_revoking(AppFixture app) : IntegrationContext(app)
{
    protected override async Task Given()
    {
        await Host.RecordedReferenceScenario();
        await Host.Recorded(Paths.Vettings(Acme), Requests.Vetting("V-acme-rejected", Easing, EasingEffective, outcome: "rejected"));
    }

    [Fact]
    public async Task a_vetting_under_an_unknown_easing_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(Acme), Requests.Vetting("V-no-easing", "E-NEVER", DuringTheEasing)));

        reply.ShouldBeProblem(422, "easing-not-found", "easingId");
    }

    [Fact]
    public async Task a_vetting_that_expires_before_it_takes_effect_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(Acme),
            Requests.Vetting("V-expired", Easing, DuringTheEasing, expiresAt: "2026-06-27T11:59:59Z")));

        reply.ShouldBeProblem(422, "expiry-not-after-effect", "expiresAt");
    }

    [Fact]
    public async Task revoking_a_rejection_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Revocations(Acme, "V-acme-rejected"), Requests.Revocation(DuringTheEasing)));

        reply.ShouldBeProblem(422, "vetting-not-approved", "vettingId");
    }

    [Fact]
    public async Task revoking_before_the_vetting_took_effect_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Revocations(WaterCoop, WaterCoopVetting), Requests.Revocation("2026-06-26T15:59:59Z")));

        reply.ShouldBeProblem(422, "revocation-before-vetting", "effectiveAt");
    }

    [Fact]
    public async Task a_vetting_can_be_revoked_once_and_its_organisation_loses_access_from_then()
    {
        var receipt = await Host.Recorded(Paths.Revocations(GridDefense, GridDefenseVetting), Requests.Revocation("2026-06-28T00:00:00Z"));

        receipt.Id.ShouldBe($"{GridDefenseVetting}:revocation");
        var again = await Refused(() => Host.Post(Paths.Revocations(GridDefense, GridDefenseVetting), Requests.Revocation("2026-06-29T00:00:00Z")));
        again.ShouldBeProblem(409, "duplicate-id", "vettingId");
        (await Host.Post(Paths.Check, Requests.Check(Mythos, GridDefense, ForeignPerson, DuringTheEasing))).Str("access").ShouldBe("allowed");
        var revoked = await Host.Post(Paths.Check, Requests.Check(Mythos, GridDefense, ForeignPerson, "2026-06-28T00:00:00Z"));
        revoked.Str("access").ShouldBe("denied");
        revoked.Str("legal").ShouldBe("restricted");
    }
}
