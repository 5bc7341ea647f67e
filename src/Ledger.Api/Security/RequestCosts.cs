namespace Ledger.Api.Security;

/// <summary>What a request costs the service, which decides the rate budget it draws on.</summary>
internal enum RequestCost
{
    Read,
    Write,

    /// <summary>Reads or writes in proportion to the whole ledger, or to a large body: verify, export, annex, replay.</summary>
    Heavy,
}

internal static class RequestCosts
{
    /// <summary>
    /// The heavy endpoints, by method and route as <see cref="RoleMatrix"/> spells them. A new endpoint that scans the
    /// ledger (a report) adds a line here; any other is a read (GET, HEAD, and the check, a query sent by POST) or a write.
    /// </summary>
    private static readonly HashSet<(string Method, string Route)> Heavy =
    [
        ("GET", "/api/ledger/verify"),
        ("GET", "/api/ledger/export"),
        ("POST", "/api/easings/{easingId}/annex"),
        ("POST", "/api/subscriptions/{subscriptionId}/replay"),
        ("GET", "/api/reports/access-matrix"),
        ("GET", "/api/reports/organizations/{organizationId}/history"),
        ("GET", "/api/reports/models/{modelId}/history"),
    ];

    private static readonly HashSet<(string Method, string Route)> ReadsByPost = [("POST", "/api/access/check")];

    public static RequestCost Of(HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var entry = RoleMatrix.Find(http.Request.Method, route);
        var key = (http.Request.Method.ToUpperInvariant(), entry?.Route ?? "");
        if (Heavy.Contains(key))
            return RequestCost.Heavy;
        return HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || ReadsByPost.Contains(key)
            ? RequestCost.Read
            : RequestCost.Write;
    }
}
