namespace Ledger.Api.Tests.Reads;

/// <summary>The lookups a person picks from (issue 16): paged by id, filtered, and read at a point in time like every read.</summary>
public class when_looking_up_organizations_and_models(AppFixture app) : IntegrationContext(app)
{
    protected override async Task Given() => await Host.RecordedReferenceScenario();

    private async Task<string[]> Organizations(string query)
    {
        var reply = await Host.Get($"/api/organizations?{query}");
        reply.Status.ShouldBe(200, reply.Text);
        return reply.Json["organizations"]!.AsArray().Select(o => o!["organizationId"]!.GetValue<string>()).ToArray();
    }

    [Fact]
    public async Task models_and_organizations_are_listed_by_id()
    {
        var models = (await Host.Get("/api/models")).Json;
        models["models"]!.AsArray().Select(m => $"{m!["modelId"]} {m["name"]}").ShouldBe(["fable-5 Fable 5", "mythos-5 Mythos 5"]);
        models["next"].ShouldBeNull();
        (await Organizations("")).ShouldBe(["acme-analytics", "frontier-labs", "grid-defense-llc", "state-cyber-agency", "us-water-coop"]);
    }

    [Fact]
    public async Task pages_follow_one_another_by_the_last_id()
    {
        var first = (await Host.Get("/api/organizations?limit=2")).Json;
        first["organizations"]!.AsArray().Select(o => o!["organizationId"]!.GetValue<string>()).ShouldBe(["acme-analytics", "frontier-labs"]);
        first["next"]!.GetValue<string>().ShouldBe("frontier-labs");
        (await Organizations("limit=2&after=frontier-labs")).ShouldBe(["grid-defense-llc", "state-cyber-agency"]);
        var last = (await Host.Get("/api/organizations?limit=2&after=state-cyber-agency")).Json;
        last["next"].ShouldBeNull();
    }

    [Fact]
    public async Task sector_name_and_annex_narrow_the_organizations()
    {
        (await Organizations("sector=water-and-wastewater-systems")).ShouldBe(["us-water-coop"]);
        (await Organizations("q=DEFENSE")).ShouldBe(["grid-defense-llc"]);
        (await Organizations("q=agency")).ShouldBe(["state-cyber-agency"]);
        (await Organizations($"vettedUnder={Easing}&asOf={DuringTheEasing}")).ShouldBe(["grid-defense-llc", "state-cyber-agency", "us-water-coop"]);
        (await Organizations($"vettedUnder={Easing}&asOf=2026-06-20T12:00:00Z")).ShouldBeEmpty();
        var water = (await Host.Get($"/api/organizations?q=water&asOf={DuringTheEasing}")).Json["organizations"]![0]!;
        water["listedUnder"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe([Easing]);
        water["sectors"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["water-and-wastewater-systems"]);
    }

    [Fact]
    public async Task a_lookup_reads_what_was_known_at_a_position()
    {
        (await Host.Get("/api/models?position=1")).Json["models"]!.AsArray().Count.ShouldBe(1);
        (await Organizations("position=4")).ShouldBe(["frontier-labs", "us-water-coop"]);
        (await Host.Get("/api/organizations?position=4")).Long("position").ShouldBe(4);
    }

    [Fact]
    public async Task bad_lookups_are_problems_naming_the_field()
    {
        (await Host.Get("/api/organizations?sector=dairy")).ShouldBeProblem(400, "unknown-sector", "sector");
        (await Host.Get("/api/organizations?limit=0")).ShouldBeProblem(400, "invalid-limit", "limit");
        (await Host.Get("/api/models?limit=1001")).ShouldBeProblem(400, "invalid-limit", "limit");
        (await Host.Get("/api/organizations?vettedUnder=E-nope")).ShouldBeProblem(404, "easing-not-found", "vettedUnder");
        (await Host.Get("/api/models?asOf=yesterday")).ShouldBeProblem(400, "invalid-instant", "asOf");
        (await Host.Get("/api/access-matrix?access=maybe")).ShouldBeProblem(400, "invalid-access", "access");
    }

    [Fact]
    public async Task the_matrix_keeps_only_the_cells_of_the_access_asked_for()
    {
        var denied = await Host.Matrix($"asOf={DuringTheEasing}&modelId={Mythos}&access=denied");
        denied.Cells.ShouldAllBe(c => c.Access == "denied");
        denied.Cells.Select(c => c.OrganizationId).Distinct().ShouldBe(["*", Acme], ignoreOrder: true);
        var allowed = await Host.Matrix($"asOf={DuringTheEasing}&modelId={Mythos}&access=allowed");
        allowed.Cells.Count.ShouldBe((await Host.Matrix($"asOf={DuringTheEasing}&modelId={Mythos}")).Cells.Count - denied.Cells.Count);
    }
}
