using System.Reflection;
using System.Text.RegularExpressions;
using Ledger.Api.Security;
using Wolverine.Http;

namespace Ledger.Security.Tests.Support;

/// <summary>
/// The endpoints of this build, found the way Wolverine finds them (its route attributes) plus those mapped
/// outside it, and one plausible request for each: ids from the reference scenario in the path, a well-formed
/// body with fresh ids for writes. A test compares this list with the live endpoints, so it cannot fall behind.
/// </summary>
public static partial class Samples
{
    /// <summary>Endpoints mapped without Wolverine (Program.cs, MapOperations); add a line when mapping another.</summary>
    public static readonly IReadOnlyList<(string Method, string Route)> MappedOutsideWolverine =
    [
        ("GET", "/health/live"), ("HEAD", "/health/live"), ("GET", "/health/ready"), ("HEAD", "/health/ready"),
        ("GET", "/openapi/{documentName}.json"),
        ("GET", "/docs/{documentName?}"), ("GET", "/docs/scalar.js"), ("GET", "/docs/scalar.aspnetcore.js"), ("GET", "/docs/favicon.svg"),
        ("GET", "/"), ("GET", "/console/{file}"), ("GET", "/console/settings.json"),
    ];

    public static IReadOnlyList<(string Method, string Route)> Endpoints { get; } =
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            .SelectMany(m => m.GetCustomAttributes<WolverineHttpMethodAttribute>())
            .Select(a => (Method: a.HttpMethod.ToUpperInvariant(), Route: "/" + a.Template.TrimStart('/')))
            .Concat(MappedOutsideWolverine)
            .Distinct()
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    public static string Path(string route) =>
        Parameter().Replace(route, m => m.Groups[1].Value switch
        {
            "directiveId" => SecureLedger.Directive,
            "organizationId" => "acme-analytics",
            "vettingId" => "V-2026-06-26-01",
            "easingId" => SecureLedger.Easing,
            "modelId" => "mythos-5",
            "documentName" => "v1",
            "file" => "app.js",
            _ => "sample-1",
        })
        + (route == "/api/access-matrix/changes" ? "?from=2026-06-01T00:00:00Z&to=2026-07-02T00:00:00Z" : "");

    /// <summary>A well-formed body for the route, with ids no other request uses; <c>{}</c> for a route it does not know.</summary>
    public static JsonNode? Body(string method, string route)
    {
        if (method is "GET" or "HEAD" or "DELETE")
            return null;
        var id = Guid.NewGuid().ToString("N")[..12];
        const string at = "2026-08-15T12:00:00Z";
        return route switch
        {
            "/api/models" => new JsonObject { ["modelId"] = $"m-{id}", ["name"] = "Sample model" },
            "/api/organizations" => new JsonObject
            {
                ["organizationId"] = $"o-{id}", ["name"] = "Sample org", ["country"] = "US", ["usPersonEntity"] = true, ["sectors"] = new JsonArray(),
            },
            "/api/access/suspensions" => new JsonObject
            {
                ["suspensionId"] = $"s-{id}", ["modelId"] = "fable-5", ["organizationId"] = "acme-analytics",
                ["personClasses"] = new JsonArray("foreign-person"), ["effectiveAt"] = "2026-08-01T00:00:00Z", ["reason"] = "sample",
            },
            "/api/access/restorations" => new JsonObject
            {
                ["restorationId"] = $"r-{id}", ["modelId"] = "fable-5", ["organizationId"] = "acme-analytics",
                ["personClasses"] = new JsonArray("foreign-person"), ["effectiveAt"] = "2026-08-02T00:00:00Z",
            },
            "/api/directives" => Directive($"D-{id}", confidential: false),
            "/api/directives/{directiveId}/amendments" => new JsonObject
            {
                ["amendmentId"] = $"A-{id}", ["scope"] = Scope(), ["effectiveAt"] = at, ["receivedAt"] = at, ["receivedTimeZone"] = "UTC", ["documents"] = new JsonArray(),
            },
            "/api/directives/{directiveId}/easings" => new JsonObject
            {
                ["easingId"] = $"E-{id}", ["models"] = new JsonArray("fable-5"), ["coversListedOrganizations"] = true,
                ["coversAddresseeForeignEmployees"] = false, ["conditions"] = new JsonArray(), ["effectiveAt"] = at, ["receivedAt"] = at,
                ["receivedTimeZone"] = "UTC", ["documents"] = new JsonArray(),
            },
            "/api/directives/{directiveId}/rescissions" => new JsonObject
            {
                ["rescissionId"] = $"RS-{id}", ["effectiveAt"] = at, ["receivedAt"] = at, ["receivedTimeZone"] = "UTC", ["documents"] = new JsonArray(),
            },
            "/api/organizations/{organizationId}/vettings" => new JsonObject
            {
                ["vettingId"] = $"V-{id}", ["easingId"] = SecureLedger.Easing, ["outcome"] = "rejected", ["vettedBy"] = "sample",
                ["criteria"] = new JsonArray(), ["effectiveAt"] = "2026-06-27T00:00:00Z",
            },
            "/api/organizations/{organizationId}/vettings/{vettingId}/revocations" => new JsonObject { ["effectiveAt"] = "2026-06-28T00:00:00Z", ["reason"] = "sample" },
            "/api/easings/{easingId}/annex" => new JsonObject
            {
                ["vettedBy"] = "sample", ["criteria"] = new JsonArray(), ["effectiveAt"] = "2026-06-27T00:00:00Z",
                ["vettings"] = new JsonArray(new JsonObject { ["organizationId"] = "acme-analytics", ["vettingId"] = $"V-{id}", ["outcome"] = "rejected" }),
            },
            "/api/corrections" => new JsonObject
            {
                ["correctionId"] = $"C-{id}", ["eventId"] = "fable-5", ["field"] = "name", ["value"] = "Fable Five", ["reason"] = "sample",
            },
            "/api/access/check" => new JsonObject { ["modelId"] = "mythos-5", ["organizationId"] = "us-water-coop", ["personClass"] = "us-person" },
            _ => new JsonObject(),
        };
    }

    public static JsonObject Directive(string id, bool confidential, string? rationale = null) => new()
    {
        ["directiveId"] = id,
        ["reference"] = $"Reference of {id}",
        ["issuer"] = "Sample issuer",
        ["authorities"] = new JsonArray("15 CFR 744.22"),
        ["kind"] = "letter",
        ["channel"] = "email",
        ["confidential"] = confidential,
        ["addressees"] = confidential ? new JsonArray(SecureLedger.Addressee) : new JsonArray(),
        ["rationale"] = rationale,
        ["scope"] = Scope(),
        ["effectiveAt"] = "2026-08-15T12:00:00Z",
        ["receivedAt"] = "2026-08-15T12:00:00Z",
        ["receivedTimeZone"] = "UTC",
        ["documents"] = new JsonArray(new JsonObject
        {
            ["sha256"] = new string('a', 64), ["title"] = $"Letter of {id}", ["uri"] = $"https://docs.example/{id}.pdf",
        }),
    };

    private static JsonObject Scope() => new()
    {
        ["models"] = new JsonArray("fable-5"), ["persons"] = "foreign-persons", ["activities"] = new JsonArray("api"),
    };

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
