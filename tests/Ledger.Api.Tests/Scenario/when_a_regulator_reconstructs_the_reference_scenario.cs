namespace Ledger.Api.Tests.Scenario;

/// <summary>Product.md section 9 recorded through the HTTP API, then reconstructed as a regulator would ask for it.</summary>
public class when_a_regulator_reconstructs_the_reference_scenario(AppFixture app) : IntegrationContext(app)
{
    protected override async Task Given() => App.Keep("receipts", await Host.RecordedReferenceScenario());

    private static IEnumerable<string> Expected(Func<string, string, string, (string Legal, string Provider, string Access)> expect) =>
        from model in ScenarioModels
        from organization in MatrixRows
        from personClass in BothClasses
        let cell = expect(model, organization, personClass)
        select Line(model, organization, personClass, cell.Legal, cell.Provider, cell.Access);

    private static readonly (string, string, string) AllowedUnrestricted = ("unrestricted", "enabled", "allowed");

    [Fact]
    public void every_request_is_recorded_with_201_at_the_next_position()
    {
        var receipts = App.Kept<IReadOnlyList<Receipt>>("receipts");

        receipts.Count.ShouldBe(21);
        receipts.Select(r => r.Position).ShouldBe(Enumerable.Range(1, 21).Select(p => (long)p));
        receipts[7].Id.ShouldBe(Directive);
        receipts[7].StreamVersion.ShouldBe(1);
        receipts[10].Id.ShouldBe(Easing);
        receipts[10].StreamVersion.ShouldBe(2);
        receipts.Select(r => r.RecordedAt).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task on_27_june_at_noon_mythos_is_allowed_for_the_vetted_and_the_addressee_and_fable_is_denied_for_everyone()
    {
        var matrix = await Host.Matrix($"asOf={DuringTheEasing}");

        matrix.Position.ShouldBe(RequestCount);
        matrix.AsOf.ShouldBe(DateTimeOffset.Parse(DuringTheEasing));
        matrix.Cells.Select(c => c.Line).ShouldBe(Expected((model, organization, personClass) =>
            (model, organization, personClass) switch
            {
                (Mythos, _, UsPerson) when Vetted.Contains(organization) || organization == Provider => ("unrestricted", "enabled", "allowed"),
                (Mythos, _, ForeignPerson) when Vetted.Contains(organization) || organization == Provider => ("eased", "enabled", "allowed"),
                (_, _, UsPerson) => ("unrestricted", "suspended", "denied"),
                _ => ("restricted", "suspended", "denied"),
            }), ignoreOrder: true);
        matrix.Cells.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Explanation));
        matrix.Cells.Where(c => c.Access == "denied").ShouldAllBe(c => c.Basis.Count > 0);
    }

    [Fact]
    public async Task on_27_june_each_answer_names_the_facts_that_decided_it()
    {
        var matrix = await Host.Matrix($"asOf={DuringTheEasing}&modelId={Mythos}");

        var acme = matrix[Mythos, Acme, ForeignPerson];
        acme.Basis.Select(b => (b.EventId, b.Type)).ShouldBe([
            (Directive, "directive-issued.v2"),
            (MythosSuspension, "access-suspended.v1"),
            (Easing, "easing-granted.v1"),
        ]);
        acme.Basis.Select(b => b.Position).ShouldBe([8L, 10L, 11L]);
        acme.Explanation.ShouldContain($"directive {Directive} (in force since 2026-06-12T21:21:00Z) restricts foreign-person use of {Mythos}");
        acme.Explanation.ShouldContain($"{Acme} has no approved vetting");
        acme.Since.ShouldBe(DateTimeOffset.Parse("2026-06-13T04:00:00Z"));

        var waterCoop = matrix[Mythos, WaterCoop, ForeignPerson];
        waterCoop.Basis.Select(b => b.EventId).ShouldBe([Directive, Easing, WaterCoopVetting, WaterCoopRestoration]);
        waterCoop.Explanation.ShouldContain($"{WaterCoop} is on its annex by vetting {WaterCoopVetting}");
        waterCoop.Since.ShouldBe(DateTimeOffset.Parse("2026-06-26T18:00:00Z"));

        matrix[Mythos, Provider, ForeignPerson].Explanation.ShouldContain($"{Provider} is the addressee");
    }

    [Fact]
    public async Task on_12_june_before_the_directive_everything_is_allowed()
    {
        var matrix = await Host.Matrix($"asOf={BeforeTheDirective}");

        matrix.Position.ShouldBe(RequestCount);
        matrix.Cells.Select(c => c.Line).ShouldBe(Expected((_, _, _) => AllowedUnrestricted), ignoreOrder: true);
        matrix.Cells.ShouldAllBe(c => c.Since == null && !string.IsNullOrWhiteSpace(c.Explanation));
    }

    [Fact]
    public async Task after_the_rescission_and_the_restorations_everything_is_allowed_again()
    {
        var matrix = await Host.Matrix($"asOf={AfterTheRescission}");

        matrix.Position.ShouldBe(RequestCount);
        matrix.Cells.Select(c => c.Line).ShouldBe(Expected((_, _, _) => AllowedUnrestricted), ignoreOrder: true);
        matrix.Cells.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Explanation));
        matrix[Fable, Acme, ForeignPerson].Since.ShouldBe(DateTimeOffset.Parse(RescissionEffective));
    }

    [Fact]
    public async Task a_check_allows_foreign_persons_of_a_vetted_organisation()
    {
        var answer = await Check(Mythos, WaterCoop, ForeignPerson);

        answer.Access.ShouldBe("allowed");
        answer.FailClosed.ShouldBeFalse();
        answer.Legal.ShouldBe("eased");
        answer.Provider.ShouldBe("enabled");
        answer.AnsweredFrom.ShouldBe(WaterCoop);
        answer.Position.ShouldBe(RequestCount);
        answer.Basis.Select(b => b.EventId).ShouldContain(WaterCoopVetting);
    }

    [Fact]
    public async Task a_check_denies_foreign_persons_of_an_unvetted_organisation_naming_the_easing_and_the_missing_vetting()
    {
        var answer = await Check(Mythos, Acme, ForeignPerson);

        answer.Access.ShouldBe("denied");
        answer.FailClosed.ShouldBeFalse();
        answer.Legal.ShouldBe("restricted");
        answer.AnsweredFrom.ShouldBe(Acme);
        answer.Reasons.ShouldContain(r => r.Contains($"easing {Easing}") && r.Contains("no approved vetting"));
        answer.Reasons.ShouldContain(r => r.Contains($"directive {Directive}"));
        answer.Basis.Select(b => b.EventId).ShouldBe([Directive, MythosSuspension, Easing]);
    }

    [Fact]
    public async Task a_check_for_an_unregistered_organisation_is_answered_from_the_everyone_row()
    {
        var answer = await Check(Mythos, "never-registered-inc", ForeignPerson);

        answer.AnsweredFrom.ShouldBe(Everyone);
        answer.Access.ShouldBe("denied");
        answer.Legal.ShouldBe("restricted");
        answer.Provider.ShouldBe("suspended");
    }

    [Fact]
    public async Task a_check_for_an_unknown_person_class_fails_closed_where_foreign_persons_are_denied()
    {
        var acme = await Check(Mythos, Acme, "unknown");
        var waterCoop = await Check(Mythos, WaterCoop, "unknown");

        acme.Access.ShouldBe("denied");
        acme.FailClosed.ShouldBeTrue();
        acme.Reasons.ShouldNotBeEmpty();
        waterCoop.Access.ShouldBe("allowed");
        waterCoop.FailClosed.ShouldBeFalse();
    }

    [Fact]
    public async Task a_check_of_an_unknown_model_is_404()
    {
        var reply = await Host.Post(Paths.Check, Requests.Check("no-such-model", WaterCoop, ForeignPerson, DuringTheEasing));

        reply.ShouldBeProblem(404, "model-not-found", "modelId");
    }

    [Theory]
    [InlineData("2026-06-12T20:00:00Z", "pending")]
    [InlineData("2026-06-12T21:20:59Z", "pending")]
    [InlineData("2026-06-12T21:21:00Z", "in-force")]
    [InlineData("2026-06-20T00:00:00Z", "in-force")]
    [InlineData("2026-06-26T16:00:00Z", "eased")]
    [InlineData("2026-06-27T12:00:00Z", "eased")]
    [InlineData("2026-07-01T14:00:00Z", "rescinded")]
    [InlineData("2026-07-02T00:00:00Z", "rescinded")]
    public async Task the_register_shows_the_directives_status_at_each_instant(string asOf, string status)
    {
        var one = await Host.Get($"/api/directives/{Directive}?asOf={asOf}");
        var all = await Host.Get($"/api/directives?asOf={asOf}");

        one.Status.ShouldBe(200, one.ToString());
        one.Json["directive"]!["status"]!.GetValue<string>().ShouldBe(status);
        one.Long("position").ShouldBe(RequestCount);
        all.Status.ShouldBe(200, all.ToString());
        var listed = all.Json["directives"]!.AsArray().ShouldHaveSingleItem()!;
        listed["directiveId"]!.GetValue<string>().ShouldBe(Directive);
        listed["status"]!.GetValue<string>().ShouldBe(status);
    }

    [Fact]
    public async Task the_register_keeps_the_local_wall_time_and_zone_the_directive_was_received_in()
    {
        var reply = await Host.Get($"/api/directives/{Directive}?asOf={DuringTheEasing}");

        var directive = reply.Json["directive"]!;
        var times = directive["times"]!;
        times["receivedLocalTime"]!.GetValue<string>().ShouldBe("2026-06-12T17:21:00");
        times["receivedTimeZone"]!.GetValue<string>().ShouldBe("America/New_York");
        DateTimeOffset.Parse(times["receivedAt"]!.GetValue<string>()).ShouldBe(DateTimeOffset.Parse(DirectiveEffective));
        DateTimeOffset.Parse(times["effectiveAt"]!.GetValue<string>()).ShouldBe(DateTimeOffset.Parse(DirectiveEffective));
        times["position"]!.GetValue<long>().ShouldBe(8);
        times["retroactive"]!.GetValue<bool>().ShouldBeFalse();
        directive["authorities"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["15 CFR 744.22", "50 U.S.C. 4817(b)(1)"]);
        directive["kind"]!.GetValue<string>().ShouldBe("letter");
        directive["rationale"].ShouldBeNull();
        directive["easings"]!.AsArray().ShouldHaveSingleItem()!["easingId"]!.GetValue<string>().ShouldBe(Easing);
    }

    [Fact]
    public async Task an_unknown_directive_is_404()
    {
        var reply = await Host.Get($"/api/directives/D-NOT-ISSUED?asOf={DuringTheEasing}");

        reply.ShouldBeProblem(404, "directive-not-found", "directiveId");
    }

    private async Task<CheckAnswer> Check(string model, string organization, string personClass)
    {
        var reply = await Host.Post(Paths.Check, Requests.Check(model, organization, personClass, DuringTheEasing));
        reply.Status.ShouldBe(200, reply.ToString());
        return reply.As<CheckAnswer>();
    }
}
