using Ledger.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Ledger.Api.Security;

/// <summary>
/// The one authorization policy of the service: the caller's roles against the <see cref="RoleMatrix"/> row of the
/// endpoint it reached. It is the fallback policy (so endpoints mapped without any authorization metadata are
/// covered), the default policy (so a bare <c>[Authorize]</c> means the same), and it is attached to every
/// Wolverine endpoint, so an endpoint carrying its own <c>[Authorize]</c> must still pass the matrix.
/// </summary>
public static class RoleMatrixAuthorization
{
    public const string PolicyName = "role-matrix";

    public static AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder().AddRequirements(new Requirement()).Build();

    public sealed class Requirement : IAuthorizationRequirement;

    public sealed class Handler(ILogger<Handler> logger) : AuthorizationHandler<Requirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            if (context.Resource is not HttpContext http)
                return Task.CompletedTask;
            var authenticated = context.User.Identity?.IsAuthenticated == true;
            if (http.GetEndpoint() is not RouteEndpoint endpoint)
            {
                // No route matched, or routing's own 405/415 answer: nothing to protect, but strangers learn nothing either.
                if (authenticated)
                    context.Succeed(requirement);
                return Task.CompletedTask;
            }

            var route = endpoint.RoutePattern.RawText;
            var entry = RoleMatrix.Find(http.Request.Method, route);
            if (entry is null)
                logger.LogWarning("{Method} {Route} has no row in the role matrix, so it is denied to everyone", http.Request.Method, route);
            else if (entry.Public || authenticated && entry.Allows(context.User.Roles()))
                context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Denials as RFC 9457 problems: 401 when no valid token came (after the bearer challenge has set
    /// <c>WWW-Authenticate</c>), 403 when the token's roles do not allow the endpoint. Both happen before the body
    /// is read, so a denied request never reaches the ledger.
    /// </summary>
    public sealed class ProblemResults : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler fallback = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            if (result.Challenged)
            {
                await http.ChallengeAsync();
                await Problems.Result(401, "authentication-required", "Authorization",
                        http.Request.Headers.Authorization.Count == 0
                            ? "send a bearer token: Authorization: Bearer <jwt>"
                            : "the bearer token was refused (expired, not yet valid, wrong issuer or audience, or a bad signature)")
                    .ExecuteAsync(http);
                return;
            }

            if (result.Forbidden)
            {
                await http.ForbidAsync();
                var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var entry = RoleMatrix.Find(http.Request.Method, route);
                var roles = http.User.Roles().ToList();
                await Problems.Result(403, "role-not-allowed", "roles",
                        entry is null
                            ? $"{http.Request.Method} {route} is open to no role"
                            : $"{http.Request.Method} {entry.Route} is for {string.Join(", ", entry.Roles)}; the token carries {(roles.Count == 0 ? "no role" : string.Join(", ", roles))}")
                    .ExecuteAsync(http);
                return;
            }

            await fallback.HandleAsync(next, http, policy, result);
        }
    }
}
