namespace Ledger.Api.Tests.Rules;

/// <summary>Product.md rule 1 and 10.1: one id namespace across every kind of fact; a second create is 409.</summary>
public class when_an_id_is_reused(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task a_directive_cannot_take_the_id_of_a_model()
    {
        var reply = await Refused(() => Host.Post(Paths.Directives, Requests.Directive(Fable, [Mythos], "2026-06-20T00:00:00Z")));

        reply.ShouldBeProblem(409, "duplicate-id", "directiveId");
    }

    [Fact]
    public async Task an_organisation_cannot_take_the_id_of_a_directive()
    {
        var reply = await Refused(() => Host.Post(Paths.Organizations, Requests.Organization(Directive)));

        reply.ShouldBeProblem(409, "duplicate-id", "organizationId");
    }

    [Fact]
    public async Task a_model_cannot_be_registered_twice()
    {
        var reply = await Refused(() => Host.Post(Paths.Models, Requests.Model(Mythos, "Mythos 5 again")));

        reply.ShouldBeProblem(409, "duplicate-id", "modelId");
    }

    [Fact]
    public async Task a_vetting_cannot_take_the_id_of_an_easing()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(Acme), Requests.Vetting(Easing, Easing, "2026-06-27T00:00:00Z")));

        reply.ShouldBeProblem(409, "duplicate-id", "vettingId");
    }

    [Fact]
    public async Task a_suspension_cannot_take_the_id_of_a_restoration()
    {
        var reply = await Refused(() => Host.Post(Paths.Suspensions,
            Requests.Suspension(WaterCoopRestoration, Mythos, Acme, BothClasses, "2026-06-27T00:00:00Z")));

        reply.ShouldBeProblem(409, "duplicate-id", "suspensionId");
    }

    [Fact]
    public async Task a_correction_cannot_take_the_id_of_an_organisation()
    {
        var reply = await Refused(() => Host.Post(Paths.Corrections,
            Requests.Correction(Acme, WaterCoopVetting, "vettedBy", JsonValue.Create("someone@else"))));

        reply.ShouldBeProblem(409, "duplicate-id", "correctionId");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("has:colon")]
    public async Task an_id_outside_the_id_pattern_is_400(string id)
    {
        var reply = await Refused(() => Host.Post(Paths.Models, Requests.Model(id)));

        reply.ShouldBeProblem(400, "invalid-id", "modelId");
    }
}
