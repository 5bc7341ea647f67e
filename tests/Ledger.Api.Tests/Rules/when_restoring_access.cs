namespace Ledger.Api.Tests.Rules;

/// <summary>Product.md rule 5 and 10.10: a restoration is accepted only where the law allows access at its effective time.</summary>
public class when_restoring_access(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task restoring_foreign_persons_of_an_unvetted_organisation_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Restorations, Requests.Restoration("R-acme", Mythos, Acme, [ForeignPerson], DuringTheEasing)));

        reply.ShouldBeProblem(422, "restoration-not-lawful", "personClasses");
        reply.Str("detail").ShouldContain("no approved vetting");
    }

    [Fact]
    public async Task restoring_for_everyone_while_the_easing_covers_only_its_annex_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Restorations, Requests.Restoration("R-everyone", Mythos, null, BothClasses, DuringTheEasing)));

        reply.ShouldBeProblem(422, "restoration-not-lawful", "personClasses");
    }

    [Fact]
    public async Task restoring_a_model_the_easing_does_not_release_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Restorations, Requests.Restoration("R-fable", Fable, WaterCoop, [ForeignPerson], DuringTheEasing)));

        reply.ShouldBeProblem(422, "restoration-not-lawful", "personClasses");
    }

    [Fact]
    public async Task naming_an_easing_not_yet_in_force_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Restorations,
            Requests.Restoration("R-early", Mythos, WaterCoop, [UsPerson], BeforeTheEasing, easingId: Easing)));

        reply.ShouldBeProblem(422, "easing-not-in-force", "easingId");
    }

    [Fact]
    public async Task naming_an_unknown_easing_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Restorations,
            Requests.Restoration("R-unknown-easing", Mythos, WaterCoop, [UsPerson], DuringTheEasing, easingId: "E-NEVER")));

        reply.ShouldBeProblem(422, "easing-not-found", "easingId");
    }

    [Fact]
    public async Task restoring_an_unregistered_model_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Restorations, Requests.Restoration("R-no-model", "no-such-model", WaterCoop, [UsPerson], DuringTheEasing)));

        reply.ShouldBeProblem(422, "model-not-found", "modelId");
    }

    [Fact]
    public async Task restoring_the_unknown_person_class_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Restorations, Requests.Restoration("R-unknown-class", Mythos, WaterCoop, ["unknown"], DuringTheEasing)));

        reply.ShouldBeProblem(400, "invalid-person-class", "personClasses");
    }

    [Fact]
    public async Task restoring_us_persons_under_a_directive_on_foreign_persons_is_lawful_and_allows_them()
    {
        var before = await Host.Post(Paths.Check, Requests.Check(Mythos, Acme, UsPerson, DuringTheEasing));
        before.Str("access").ShouldBe("denied");

        var receipt = await Host.Recorded(Paths.Restorations, Requests.Restoration("R-acme-us", Mythos, Acme, [UsPerson], "2026-06-27T00:00:00Z"));

        receipt.Retroactive.ShouldBeTrue();
        var after = await Host.Post(Paths.Check, Requests.Check(Mythos, Acme, UsPerson, DuringTheEasing));
        after.Str("access").ShouldBe("allowed");
        after.Json["basis"]!.AsArray().Select(b => b!["eventId"]!.GetValue<string>()).ShouldContain("R-acme-us");
        (await Host.Post(Paths.Check, Requests.Check(Mythos, Acme, ForeignPerson, DuringTheEasing))).Str("access").ShouldBe("denied");
    }
}
