using Ledger.Api.Security;

namespace Ledger.Security.Tests.Matrix;

/// <summary>
/// The full matrix: every endpoint of this build (endpoints added later join it by themselves) with every role,
/// a token without roles, no token, and each kind of bad token. What the matrix allows is never a 401 or 403, nor a
/// 5xx; what it denies is a 401 (no valid token) or 403 (wrong role) problem, and writes nothing.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_each_caller_calls_each_endpoint(SecureLedger ledger)
{
    public static IEnumerable<object[]> Cases =>
        from endpoint in Samples.Endpoints
        from caller in Caller.All
        select new object[] { endpoint.Method, endpoint.Route, caller.Name };

    [Theory, MemberData(nameof(Cases))]
    public async Task the_role_matrix_decides(string method, string route, string callerName)
    {
        var caller = Caller.All.Single(c => c.Name == callerName);
        var entry = RoleMatrix.Find(method, route);
        var allowed = entry is not null && (entry.Public || caller.Role is { Length: > 0 } role && entry.Roles.Contains(role));

        var before = await ledger.EventCount();
        var reply = await ledger.Send(method, Samples.Path(route), caller.Token(ledger), Samples.Body(method, route));

        if (allowed)
        {
            reply.IsDenial.ShouldBeFalse($"{caller} may {method} {route}: {reply}");
            reply.Status.ShouldBeLessThan(500, reply.ToString());
            return;
        }

        if (caller.Authenticated)
            reply.ShouldBeProblem(403, "role-not-allowed");
        else
        {
            reply.ShouldBeProblem(401, "authentication-required");
            reply.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        }

        (await ledger.EventCount()).ShouldBe(before, $"a denied {method} {route} by {caller} appended events");
    }
}
