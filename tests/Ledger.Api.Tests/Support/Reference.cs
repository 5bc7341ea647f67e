using Ledger.Api.Demo;

namespace Ledger.Api.Tests.Support;

/// <summary>The reference scenario of product.md section 9 (as recorded by <see cref="ReferenceScenario"/>): its ids and instants.</summary>
public static class Reference
{
    public const string Fable = "fable-5";
    public const string Mythos = "mythos-5";
    public const string Provider = "frontier-labs";
    public const string WaterCoop = "us-water-coop";
    public const string GridDefense = "grid-defense-llc";
    public const string StateCyber = "state-cyber-agency";
    public const string Acme = "acme-analytics";
    public const string Everyone = "*";
    public const string Directive = "D-2026-06-12-01";
    public const string Easing = "E-2026-06-26-01";
    public const string WaterCoopVetting = "V-2026-06-26-01";
    public const string GridDefenseVetting = "V-2026-06-26-02";
    public const string StateCyberVetting = "V-2026-06-26-03";
    public const string WaterCoopRestoration = "R-2026-06-26-us-water-coop";
    public const string MythosSuspension = "S-2026-06-13-mythos-5";
    public const string UsPerson = "us-person";
    public const string ForeignPerson = "foreign-person";

    public const string BeforeTheDirective = "2026-06-12T20:00:00Z";
    public const string DirectiveEffective = "2026-06-12T21:21:00Z";
    public const string BeforeTheEasing = "2026-06-20T00:00:00Z";
    public const string EasingEffective = "2026-06-26T16:00:00Z";
    public const string DuringTheEasing = "2026-06-27T12:00:00Z";
    public const string RescissionEffective = "2026-07-01T14:00:00Z";
    public const string AfterTheRescission = "2026-07-02T00:00:00Z";

    public static readonly string[] ScenarioModels = [Fable, Mythos];
    public static readonly string[] ScenarioOrganizations = [Provider, WaterCoop, GridDefense, StateCyber, Acme];
    public static readonly string[] MatrixRows = [.. ScenarioOrganizations, Everyone];
    public static readonly string[] Vetted = [WaterCoop, GridDefense, StateCyber];
    public static readonly string[] BothClasses = [UsPerson, ForeignPerson];

    public static int RequestCount => ReferenceScenario.Requests().Count;

    /// <summary>Posts every request of the scenario in order; each must be answered 201.</summary>
    public static async Task<IReadOnlyList<Receipt>> RecordedReferenceScenario(this IAlbaHost host)
    {
        var receipts = new List<Receipt>();
        foreach (var request in ReferenceScenario.Requests())
        {
            request.Method.ShouldBe("POST");
            receipts.Add(await host.Recorded(request.Path, request.Body));
        }

        return receipts;
    }

    /// <summary>One cell as a line, the same shape as <see cref="Cell.Line"/>.</summary>
    public static string Line(string model, string organization, string personClass, string legal, string provider, string access) =>
        $"{model} {organization} {personClass}: {legal} {provider} {access}";
}
