using Ledger.Api.Demo;

namespace Ledger.Api.Tests.Scenario;

/// <summary>
/// What <c>ops/run --demo</c> records (product.md section 12): section 9, then the easing's annex of 100 further
/// critical-infrastructure organisations, vetted by the authority's annex and restored by the provider. The cells section 9
/// names stay as it states them; the annex's organisations can use mythos-5 during the easing and fable-5 stays denied.
/// </summary>
public class when_the_demo_records_the_easings_annex(AppFixture app) : IntegrationContext(app)
{
    protected override async Task Given()
    {
        foreach (var request in ReferenceScenario.Demo())
        {
            request.Method.ShouldBe("POST");
            await Host.Recorded(request.Path, request.Body);
        }
    }

    private static IReadOnlyList<string> Annexed() =>
        ReferenceScenario.Annex().Where(r => r.Path == "/api/organizations").Select(r => r.Body["organizationId"]!.GetValue<string>()).ToList();

    [Fact]
    public void the_annex_lists_about_100_organisations_each_in_a_critical_infrastructure_sector()
    {
        var annex = ReferenceScenario.Annex().Single(r => r.Path == $"/api/easings/{Easing}/annex");
        var listed = annex.Body["vettings"]!.AsArray().Select(v => v!["organizationId"]!.GetValue<string>()).ToList();

        listed.Count.ShouldBe(100);
        listed.ShouldBe(Annexed(), ignoreOrder: true);
        listed.ShouldNotContain(WaterCoop, "section 9's three are vetted one by one, as it tells");
        ReferenceScenario.Annex().Where(r => r.Path == "/api/organizations")
            .ShouldAllBe(r => r.Body["sectors"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task on_27_june_section_9s_cells_are_as_it_states_them()
    {
        var matrix = await Host.Matrix($"asOf={DuringTheEasing}");
        string Access(string model, string organization, string personClass) => matrix[model, organization, personClass].Access;

        foreach (var personClass in BothClasses)
        {
            foreach (var organization in Vetted.Append(Provider))
                Access(Mythos, organization, personClass).ShouldBe("allowed");
            Access(Mythos, Acme, personClass).ShouldBe("denied");
            Access(Mythos, Everyone, personClass).ShouldBe("denied");
            foreach (var organization in MatrixRows)
                Access(Fable, organization, personClass).ShouldBe("denied");
        }
    }

    [Fact]
    public async Task on_27_june_every_annexed_organisation_may_use_mythos_by_its_annex_vetting_and_not_fable()
    {
        var matrix = await Host.Matrix($"asOf={DuringTheEasing}");

        foreach (var organization in Annexed())
        {
            var foreign = matrix[Mythos, organization, ForeignPerson];
            (foreign.Legal, foreign.Provider, foreign.Access).ShouldBe(("eased", "enabled", "allowed"), organization);
            foreign.Explanation.ShouldContain($"{organization} is on its annex by vetting V-2026-06-26-A");
            matrix[Fable, organization, ForeignPerson].Access.ShouldBe("denied", organization);
        }
    }

    [Fact]
    public async Task before_the_easing_the_annexed_organisations_are_denied_and_after_the_rescission_allowed()
    {
        var before = await Host.Matrix($"asOf={BeforeTheEasing}&modelId={Mythos}");
        var after = await Host.Matrix($"asOf={AfterTheRescission}&modelId={Mythos}");

        foreach (var organization in Annexed())
        {
            before[Mythos, organization, ForeignPerson].Access.ShouldBe("denied", organization);
            after[Mythos, organization, ForeignPerson].Access.ShouldBe("allowed", organization);
        }
    }
}
