using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Ledger.Api.Security;

/// <summary>
/// Who may call which endpoint: the only place the service grants access. Every endpoint, however it is mapped,
/// is judged against this table by <see cref="RoleMatrixAuthorization"/>, and an endpoint missing from it is denied
/// to everyone (fail closed); a test enumerates the live endpoints so a new one cannot be forgotten.
/// A new endpoint adds one line here. Routes are matched by method and route pattern, with parameter names and
/// constraints ignored, so <c>/api/subscriptions/{id}</c> and <c>/api/subscriptions/{subscriptionId}</c> are one route.
/// </summary>
public static partial class RoleMatrix
{
    /// <summary>One row: a method and route, and who may call it (<see cref="Public"/>: anyone, without a token).</summary>
    public sealed record Entry(string Method, string Route, IReadOnlyList<string> Roles, bool Public = false, string? Condition = null)
    {
        public bool Allows(IEnumerable<string> roles) => Public || roles.Any(Roles.Contains);

        public Entry When(string condition) => this with { Condition = condition };
    }

    private static readonly string[] Readers = [Roles.Compliance, Roles.Operations, Roles.Auditor, Roles.Regulator];
    private const string Redacted = "confidential text is withheld unless the caller is compliance, auditor, or a regulator whose org is an addressee";
    private const string OwnOnly = "a subscriber sees and changes only the subscriptions it owns (owner = token subject); an auditor reads all";

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        Anyone("GET", "/health/live"),
        Anyone("HEAD", "/health/live"),
        Anyone("GET", "/health/ready"),
        Anyone("HEAD", "/health/ready"),
        Anyone("GET", "/openapi/{documentName}.json"),
        // Scalar's readable API docs: the page, its script and icon.
        Anyone("GET", "/docs/{documentName?}"),
        Anyone("GET", "/docs/scalar.js"),
        Anyone("GET", "/docs/scalar.aspnetcore.js"),
        Anyone("GET", "/docs/favicon.svg"),
        // The console's page, code and sign-in settings: no facts, which it reads from the API with the reader's token.
        Anyone("GET", "/"),
        Anyone("GET", "/console/{file}"),
        Anyone("GET", "/console/settings.json"),

        Allow("POST", "/api/models", Roles.Operations),
        Allow("POST", "/api/organizations", Roles.Operations),
        Allow("POST", "/api/access/suspensions", Roles.Operations),
        Allow("POST", "/api/access/restorations", Roles.Operations),

        Allow("POST", "/api/directives", Roles.Compliance),
        Allow("POST", "/api/directives/{directiveId}/amendments", Roles.Compliance),
        Allow("POST", "/api/directives/{directiveId}/easings", Roles.Compliance),
        Allow("POST", "/api/directives/{directiveId}/rescissions", Roles.Compliance),
        Allow("POST", "/api/organizations/{organizationId}/vettings", Roles.Compliance),
        Allow("POST", "/api/organizations/{organizationId}/vettings/{vettingId}/revocations", Roles.Compliance),
        Allow("POST", "/api/easings/{easingId}/annex", Roles.Compliance),
        Allow("POST", "/api/corrections", Roles.Compliance),

        Allow("GET", "/api/access-matrix", Readers),
        Allow("GET", "/api/access-matrix/changes", Readers),
        Allow("GET", "/api/models", Readers),
        Allow("GET", "/api/organizations", Readers),
        Allow("POST", "/api/access/check", Readers),
        Allow("GET", "/api/directives", Readers).When(Redacted),
        Allow("GET", "/api/directives/{directiveId}", Readers).When(Redacted),
        Allow("GET", "/api/organizations/{organizationId}/history", Readers).When(Redacted),
        Allow("GET", "/api/models/{modelId}/history", Readers).When(Redacted),
        Allow("GET", "/api/reports/access-matrix", Readers),
        Allow("GET", "/api/reports/organizations/{organizationId}/history", Readers).When(Redacted),
        Allow("GET", "/api/reports/models/{modelId}/history", Readers).When(Redacted),

        Allow("GET", "/api/feed", Roles.Subscriber, Roles.Auditor),
        Allow("GET", "/api/feed/stream", Roles.Subscriber, Roles.Auditor),
        Allow("GET", "/api/feed/snapshot", Roles.Subscriber, Roles.Auditor),
        Allow("POST", "/api/subscriptions", Roles.Subscriber).When(OwnOnly),
        Allow("GET", "/api/subscriptions", Roles.Subscriber, Roles.Auditor).When(OwnOnly),
        Allow("GET", "/api/subscriptions/{subscriptionId}", Roles.Subscriber, Roles.Auditor).When(OwnOnly),
        Allow("DELETE", "/api/subscriptions/{subscriptionId}", Roles.Subscriber).When(OwnOnly),
        Allow("POST", "/api/subscriptions/{subscriptionId}/replay", Roles.Subscriber).When(OwnOnly),
        Allow("GET", "/api/subscriptions/{subscriptionId}/deliveries", Roles.Subscriber, Roles.Auditor).When(OwnOnly),
        Allow("GET", "/api/subscriptions/{subscriptionId}/dead-letters", Roles.Subscriber, Roles.Auditor).When(OwnOnly),
        Allow("GET", "/asyncapi.json", [.. Roles.All]),

        Allow("GET", "/api/ledger/checkpoint", Roles.Auditor, Roles.Regulator),
        Allow("GET", "/api/ledger/key", Roles.Auditor, Roles.Regulator),
        Allow("GET", "/api/ledger/proofs/inclusion", Roles.Auditor, Roles.Regulator),
        Allow("GET", "/api/ledger/proofs/consistency", Roles.Auditor, Roles.Regulator),
        Allow("GET", "/api/ledger/verify", Roles.Auditor),
        Allow("GET", "/api/ledger/export", Roles.Auditor, Roles.Regulator).When("a regulator's bundle must withhold confidential text as the reads do"),
    ];

    private static readonly FrozenDictionary<(string Method, string Route), Entry> ByRoute =
        Entries.ToFrozenDictionary(e => (e.Method, Normalize(e.Route)));

    /// <summary>The entry for a request's method and its endpoint's route pattern, or null: denied to everyone.</summary>
    public static Entry? Find(string method, string? routePattern) =>
        routePattern is null ? null : ByRoute.GetValueOrDefault((method.ToUpperInvariant(), Normalize(routePattern)));

    /// <summary><c>api/Things/{id:int}/</c> and <c>/api/things/{thingId}</c> are the same route.</summary>
    public static string Normalize(string routePattern) =>
        "/" + Parameter().Replace(routePattern.Trim('/'), "{}").ToLowerInvariant();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

    private static Entry Anyone(string method, string route) => new(method, route, [], Public: true);

    private static Entry Allow(string method, string route, params string[] roles) => new(method, route, roles);
}
