using System.Security.Claims;
using Ledger.Domain.Readers;

namespace Ledger.Api.Security;

/// <summary>
/// What the role matrix and the withholding of confidential text read from an authenticated caller. The role claim's
/// name is configurable (<c>Ledger:Auth:RoleClaim</c>) and set on the identity, so these read the identity's own types;
/// its subject is <see cref="Http.Caller.Subject"/>.
/// </summary>
internal static class Principals
{
    /// <summary>The claim naming the caller's organisation (a regulator's agency, for <see cref="Clearance"/>).</summary>
    public const string OrganizationClaim = "org";

    public static IEnumerable<string> Roles(this ClaimsPrincipal user) =>
        user.Identities.Where(i => i.IsAuthenticated).SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Distinct();

    public static string? Organization(this ClaimsPrincipal user) => user.FindFirst(OrganizationClaim)?.Value;

    /// <summary>When the caller's token expires (its <c>exp</c>), for a response that outlives the request's start: an SSE stream.</summary>
    public static DateTimeOffset? Expires(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst("exp")?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>
    /// Who may read confidential directive text: compliance and auditors always; a regulator only through its
    /// <c>org</c> claim, when that organisation is an addressee; everyone else (operations included) never.
    /// </summary>
    public static Clearance Clearance(this ClaimsPrincipal user)
    {
        var roles = user.Roles().ToHashSet();
        if (roles.Contains(Security.Roles.Compliance) || roles.Contains(Security.Roles.Auditor))
            return Domain.Readers.Clearance.Full;
        return roles.Contains(Security.Roles.Regulator) && user.Organization() is { } org
            ? Domain.Readers.Clearance.OfOrganization(org)
            : Domain.Readers.Clearance.None;
    }
}
