namespace Ledger.Api.Security;

/// <summary>
/// The five roles a bearer token can carry (its <c>roles</c> claim). What each may do is decided in one place,
/// <see cref="RoleMatrix"/>; nothing else in the service grants access.
/// </summary>
public static class Roles
{
    /// <summary>Records directives, amendments, easings, rescissions, vettings (and their revocations) and corrections.</summary>
    public const string Compliance = "compliance";

    /// <summary>Registers models and organisations and records suspensions and restorations.</summary>
    public const string Operations = "operations";

    /// <summary>Reads everything, confidential text included; queries as-of, exports and verifies.</summary>
    public const string Auditor = "auditor";

    /// <summary>Reads matrices, histories and exports, but not the confidential text of directives addressed to others.</summary>
    public const string Regulator = "regulator";

    /// <summary>Reads the feed and manages its own webhook subscriptions.</summary>
    public const string Subscriber = "subscriber";

    public static readonly IReadOnlyList<string> All = [Compliance, Operations, Auditor, Regulator, Subscriber];
}
