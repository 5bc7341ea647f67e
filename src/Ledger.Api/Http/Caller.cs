using System.Security.Claims;

namespace Ledger.Api.Http;

/// <summary>
/// Who is calling, as authentication established it. The subject claim's name is configurable
/// (<c>Ledger:Auth:SubjectClaim</c>) and set on the identity, so this reads the identity's own name.
/// </summary>
internal static class Caller
{
    /// <summary>
    /// The authenticated subject: the actor of every event it writes, and the owner of the subscriptions it
    /// creates. Null only for an anonymous caller, which never reaches a write or a subscription endpoint.
    /// </summary>
    public static string? Subject(this ClaimsPrincipal user) =>
        user.Identity is ClaimsIdentity { IsAuthenticated: true } identity ? identity.Name : null;
}
