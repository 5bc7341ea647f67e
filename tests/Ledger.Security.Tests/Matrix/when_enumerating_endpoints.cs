using Ledger.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Security.Tests.Matrix;

/// <summary>
/// Fail closed by construction: every endpoint the running service maps has a row in the role matrix, none opts
/// out of authorization, and the matrix test below exercises every one of them.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_enumerating_endpoints(SecureLedger ledger)
{
    private IReadOnlyList<RouteEndpoint> Live =>
        ledger.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

    private static IEnumerable<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"];

    [Fact]
    public void every_endpoint_has_a_row_in_the_role_matrix()
    {
        var missing = Live.SelectMany(e => Methods(e).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(line => RoleMatrix.Find(line.Split(' ')[0], line.Split(' ')[1]) is null)
            .ToList();
        missing.ShouldBeEmpty($"add a line for each to src/Ledger.Api/Security/RoleMatrix.cs (until then they are denied to everyone): {string.Join("; ", missing)}");
    }

    /// <summary>
    /// A row nothing serves grants access to a route that a later endpoint could take over without anyone deciding
    /// who may call it. An endpoint mapped without methods (a health check) answers every method.
    /// </summary>
    [Fact]
    public void every_row_of_the_role_matrix_has_an_endpoint()
    {
        var live = Live.Select(e => (Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods, Route: RoleMatrix.Normalize(e.RoutePattern.RawText!))).ToList();
        var dead = RoleMatrix.Entries
            .Where(row => !live.Any(e => e.Route == RoleMatrix.Normalize(row.Route) && (e.Methods is not { Count: > 0 } methods || methods.Contains(row.Method))))
            .Select(row => $"{row.Method} {row.Route}")
            .ToList();
        dead.ShouldBeEmpty($"remove each from src/Ledger.Api/Security/RoleMatrix.cs, or map its endpoint: {string.Join("; ", dead)}");
    }

    [Fact]
    public void every_endpoint_is_in_the_role_by_endpoint_test()
    {
        var tested = Samples.Endpoints.Select(e => (e.Method, RoleMatrix.Normalize(e.Route))).ToHashSet();
        var untested = Live.SelectMany(e => Methods(e).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .Where(e => !tested.Contains((e.Method, RoleMatrix.Normalize(e.Route))))
            .Select(e => $"{e.Method} {e.Route}")
            .ToList();
        untested.ShouldBeEmpty($"map it with Wolverine, or list it in Samples.MappedOutsideWolverine: {string.Join("; ", untested)}");
    }

    [Fact]
    public void no_endpoint_opts_out_of_the_role_matrix()
    {
        foreach (var endpoint in Live)
        {
            endpoint.Metadata.GetMetadata<IAllowAnonymous>().ShouldBeNull($"{endpoint.DisplayName} allows anonymous callers; make it public in the role matrix instead");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (policies.Count > 0)
                policies.ShouldContain(a => a.Policy == RoleMatrixAuthorization.PolicyName, $"{endpoint.DisplayName} has its own authorization but not the role matrix");
        }
    }

    [Fact]
    public void every_wolverine_endpoint_carries_the_role_matrix_policy()
    {
        var wolverine = Live.Where(e => e.Metadata.Any(m => m.GetType().Namespace?.StartsWith("Wolverine", StringComparison.Ordinal) == true)).ToList();
        wolverine.ShouldNotBeEmpty();
        foreach (var endpoint in wolverine)
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().ShouldContain(a => a.Policy == RoleMatrixAuthorization.PolicyName, endpoint.DisplayName);
    }

    [Fact]
    public void the_role_matrix_is_the_fallback_and_default_policy()
    {
        var options = ledger.Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        options.FallbackPolicy.ShouldBeSameAs(RoleMatrixAuthorization.Policy);
        options.DefaultPolicy.ShouldBeSameAs(RoleMatrixAuthorization.Policy);
    }

    [Fact]
    public void the_matrix_has_one_row_per_method_and_route() =>
        RoleMatrix.Entries.GroupBy(e => (e.Method, RoleMatrix.Normalize(e.Route))).Where(g => g.Count() > 1).ShouldBeEmpty();

    [Fact]
    public void only_health_the_api_documentation_and_the_consoles_code_are_public() =>
        RoleMatrix.Entries.Where(e => e.Public).Select(e => e.Route).Distinct()
            .ShouldBe([
                "/health/live", "/health/ready", "/openapi/{documentName}.json",
                "/docs/{documentName?}", "/docs/scalar.js", "/docs/scalar.aspnetcore.js", "/docs/favicon.svg",
                "/", "/console/{file}", "/console/settings.json",
            ], ignoreOrder: true);

    [Fact]
    public void every_role_named_in_the_matrix_exists() =>
        RoleMatrix.Entries.SelectMany(e => e.Roles).Except(Roles.All).ShouldBeEmpty();
}
