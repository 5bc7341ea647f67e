namespace Ledger.Api.Tests.Rules;

/// <summary>
/// Product.md rules 2 and 3, 10.3 to 10.5: easings, amendments and rescissions reference a directive in force at
/// their effective time, and an easing releases only models still inside the scope in force.
/// </summary>
public class when_a_directive_act_breaks_a_rule(AppFixture app) : IntegrationContext(app)
{
    private const string Partial = "D-2026-08-01-01";

    /// <summary>The reference scenario, a third model, and a second directive on all persons of both models, partly rescinded.</summary>
    protected override async Task Given()
    {
        await Host.RecordedReferenceScenario();
        await Host.Recorded(Paths.Models, Requests.Model("aurora-2"));
        await Host.Recorded(Paths.Directives, Requests.Directive(Partial, [Fable, Mythos], "2026-08-01T00:00:00Z", persons: "all-persons"));
        await Host.Recorded(Paths.Rescissions(Partial), Requests.Rescission("RS-2026-08-02-fable", "2026-08-02T00:00:00Z", [Fable]));
    }

    [Fact]
    public async Task an_easing_of_a_model_outside_the_scope_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Easings(Directive), Requests.Easing("E-outside", ["aurora-2"], BeforeTheEasing)));

        reply.ShouldBeProblem(422, "easing-outside-scope", "models[0]");
    }

    [Fact]
    public async Task an_easing_of_a_model_already_rescinded_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Easings(Partial), Requests.Easing("E-rescinded", [Mythos, Fable], "2026-08-03T00:00:00Z")));

        reply.ShouldBeProblem(422, "easing-outside-scope", "models[1]");
    }

    [Fact]
    public async Task an_easing_before_the_directive_takes_effect_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Easings(Directive), Requests.Easing("E-early", [Mythos], "2026-06-01T00:00:00Z")));

        reply.ShouldBeProblem(422, "directive-not-in-force", "effectiveAt");
    }

    [Fact]
    public async Task an_easing_after_the_directive_was_rescinded_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Easings(Directive), Requests.Easing("E-late", [Mythos], AfterTheRescission)));

        reply.ShouldBeProblem(422, "directive-not-in-force", "effectiveAt");
    }

    [Fact]
    public async Task an_easing_that_names_no_model_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Easings(Directive), Requests.Easing("E-empty", [], BeforeTheEasing)));

        reply.ShouldBeProblem(400, "empty-list", "models");
    }

    [Fact]
    public async Task a_rescission_of_a_model_already_rescinded_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Rescissions(Partial), Requests.Rescission("RS-again", "2026-08-03T00:00:00Z", [Fable])));

        reply.ShouldBeProblem(422, "rescission-outside-scope", "models[0]");
    }

    [Fact]
    public async Task an_amendment_naming_a_rescinded_model_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Amendments(Partial), Requests.Amendment("A-rescinded", [Mythos, Fable], "2026-08-03T00:00:00Z")));

        reply.ShouldBeProblem(422, "model-rescinded", "scope.models[1]");
    }

    [Fact]
    public async Task an_amendment_of_a_rescinded_directive_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Amendments(Directive), Requests.Amendment("A-after", [Mythos], AfterTheRescission)));

        reply.ShouldBeProblem(422, "directive-not-in-force", "effectiveAt");
    }

    [Fact]
    public async Task a_directive_scoping_an_unregistered_model_is_422()
    {
        var reply = await Refused(() => Host.Post(Paths.Directives, Requests.Directive("D-unknown-model", [Mythos, "no-such-model"], "2026-08-01T00:00:00Z")));

        reply.ShouldBeProblem(422, "model-not-found", "scope.models[1]");
    }

    [Fact]
    public async Task a_partly_rescinded_directive_is_shown_as_such_and_still_restricts_its_other_model()
    {
        var register = await Host.Get($"/api/directives/{Partial}?asOf=2026-08-03T00:00:00Z");
        var check = await Host.Post(Paths.Check, Requests.Check(Mythos, Acme, UsPerson, "2026-08-03T00:00:00Z"));

        register.Json["directive"]!["status"]!.GetValue<string>().ShouldBe("partially-rescinded");
        register.Json["directive"]!["rescindedModels"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe([Fable]);
        check.Str("legal").ShouldBe("restricted");
        check.Str("access").ShouldBe("denied");
    }
}
