using System.Security.Claims;
using Ledger.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Security.Tests.Matrix;

/// <summary>The policy on its own: an endpoint without a row is denied to every role, even one holding all of them.</summary>
public sealed class RoleMatrixHandlerTests
{
    private static async Task<bool> Allows(string method, string route, params string[] roles)
    {
        var http = new DefaultHttpContext { Request = { Method = method } };
        http.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, EndpointMetadataCollection.Empty, route));
        var identity = new ClaimsIdentity(roles.Select(r => new Claim("roles", r)).Append(new Claim("sub", "someone")), "Bearer", "sub", "roles");
        var requirement = new RoleMatrixAuthorization.Requirement();
        var context = new AuthorizationHandlerContext([requirement], new ClaimsPrincipal(identity), http);
        await new RoleMatrixAuthorization.Handler(NullLogger<RoleMatrixAuthorization.Handler>.Instance).HandleAsync(context);
        return context.HasSucceeded;
    }

    [Fact]
    public async Task an_endpoint_missing_from_the_matrix_is_denied_to_every_role()
    {
        (await Allows("GET", "/api/something-new", [.. Roles.All])).ShouldBeFalse();
        (await Allows("DELETE", "/api/models/{modelId}", [.. Roles.All])).ShouldBeFalse();
    }

    [Fact]
    public async Task parameter_names_and_constraints_do_not_matter()
    {
        (await Allows("GET", "/api/subscriptions/{id:guid}", Roles.Subscriber)).ShouldBeTrue();
        (await Allows("POST", "api/Directives/{d}/easings/", Roles.Compliance)).ShouldBeTrue();
    }

    [Fact]
    public async Task a_role_outside_the_row_is_denied() =>
        (await Allows("POST", "/api/directives", Roles.Operations, Roles.Auditor, Roles.Regulator, Roles.Subscriber)).ShouldBeFalse();
}
