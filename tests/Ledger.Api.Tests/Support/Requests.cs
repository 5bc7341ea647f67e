namespace Ledger.Api.Tests.Support;

/// <summary>Request bodies of the write API (product.md section 6), valid unless a test changes them.</summary>
public static class Requests
{
    public const string Sha256 = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    public static JsonObject Model(string modelId, string name = "A model") =>
        new() { ["modelId"] = modelId, ["name"] = name };

    public static JsonObject Organization(string organizationId, bool isAddressee = false) => new()
    {
        ["organizationId"] = organizationId,
        ["name"] = $"Organisation {organizationId}",
        ["country"] = "US",
        ["usPersonEntity"] = true,
        ["sectors"] = new JsonArray("energy"),
        ["isAddressee"] = isAddressee,
    };

    public static JsonObject Directive(
        string directiveId, string[] models, string effectiveAt, string persons = "foreign-persons", string? receivedAt = null,
        string receivedTimeZone = "UTC") => new()
    {
        ["directiveId"] = directiveId,
        ["reference"] = $"Letter {directiveId}",
        ["issuer"] = "US Department of Commerce, Bureau of Industry and Security",
        ["authorities"] = new JsonArray("15 CFR 744.22"),
        ["kind"] = "letter",
        ["channel"] = "email",
        ["confidential"] = false,
        ["scope"] = Scope(models, persons),
        ["effectiveAt"] = effectiveAt,
        ["receivedAt"] = receivedAt ?? effectiveAt,
        ["receivedTimeZone"] = receivedTimeZone,
        ["documents"] = Documents(),
    };

    public static JsonObject Amendment(string amendmentId, string[] models, string effectiveAt, string persons = "foreign-persons") => new()
    {
        ["amendmentId"] = amendmentId,
        ["scope"] = Scope(models, persons),
        ["effectiveAt"] = effectiveAt,
        ["receivedAt"] = effectiveAt,
        ["receivedTimeZone"] = "UTC",
        ["documents"] = Documents(),
    };

    public static JsonObject Easing(
        string easingId, string[] models, string effectiveAt, bool listed = true, bool addressee = false, string? receivedAt = null) => new()
    {
        ["easingId"] = easingId,
        ["models"] = Strings(models),
        ["coversListedOrganizations"] = listed,
        ["coversAddresseeForeignEmployees"] = addressee,
        ["conditions"] = new JsonArray("vetted critical-infrastructure operators only"),
        ["effectiveAt"] = effectiveAt,
        ["receivedAt"] = receivedAt ?? effectiveAt,
        ["receivedTimeZone"] = "UTC",
        ["documents"] = Documents(),
    };

    public static JsonObject Rescission(string rescissionId, string effectiveAt, string[]? models = null)
    {
        var body = new JsonObject
        {
            ["rescissionId"] = rescissionId,
            ["effectiveAt"] = effectiveAt,
            ["receivedAt"] = effectiveAt,
            ["receivedTimeZone"] = "UTC",
            ["documents"] = Documents(),
        };
        if (models is not null)
            body["models"] = Strings(models);
        return body;
    }

    public static JsonObject Vetting(string vettingId, string easingId, string effectiveAt, string outcome = "approved", string? expiresAt = null)
    {
        var body = new JsonObject
        {
            ["vettingId"] = vettingId,
            ["easingId"] = easingId,
            ["outcome"] = outcome,
            ["vettedBy"] = "compliance@frontier-labs",
            ["criteria"] = new JsonArray("listed on the annex"),
            ["effectiveAt"] = effectiveAt,
        };
        if (expiresAt is not null)
            body["expiresAt"] = expiresAt;
        return body;
    }

    public static JsonObject Revocation(string effectiveAt, string reason = "removed from the annex") =>
        new() { ["effectiveAt"] = effectiveAt, ["reason"] = reason };

    public static JsonObject Suspension(string suspensionId, string modelId, string? organizationId, string[] personClasses, string effectiveAt)
    {
        var body = new JsonObject
        {
            ["suspensionId"] = suspensionId,
            ["modelId"] = modelId,
            ["personClasses"] = Strings(personClasses),
            ["effectiveAt"] = effectiveAt,
            ["reason"] = "provider's own decision",
        };
        if (organizationId is not null)
            body["organizationId"] = organizationId;
        return body;
    }

    public static JsonObject Restoration(
        string restorationId, string modelId, string? organizationId, string[] personClasses, string effectiveAt, string? easingId = null)
    {
        var body = new JsonObject
        {
            ["restorationId"] = restorationId,
            ["modelId"] = modelId,
            ["personClasses"] = Strings(personClasses),
            ["effectiveAt"] = effectiveAt,
        };
        if (organizationId is not null)
            body["organizationId"] = organizationId;
        if (easingId is not null)
            body["easingId"] = easingId;
        return body;
    }

    public static JsonObject Correction(string correctionId, string eventId, string field, JsonNode? value, string reason = "recorded wrongly") => new()
    {
        ["correctionId"] = correctionId,
        ["eventId"] = eventId,
        ["field"] = field,
        ["value"] = value,
        ["reason"] = reason,
    };

    public static JsonObject Check(string modelId, string organizationId, string personClass, string? asOf = null)
    {
        var body = new JsonObject { ["modelId"] = modelId, ["organizationId"] = organizationId, ["personClass"] = personClass };
        if (asOf is not null)
            body["asOf"] = asOf;
        return body;
    }

    public static JsonObject With(this JsonObject body, string member, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[member] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject body, string member)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(member);
        return copy;
    }

    private static JsonObject Scope(string[] models, string persons) => new()
    {
        ["models"] = Strings(models),
        ["persons"] = persons,
        ["activities"] = new JsonArray("model-access"),
    };

    private static JsonArray Documents() => new(new JsonObject { ["sha256"] = Sha256, ["title"] = "The instrument" });

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}

/// <summary>The write paths of product.md section 6.</summary>
public static class Paths
{
    public const string Models = "/api/models";
    public const string Organizations = "/api/organizations";
    public const string Directives = "/api/directives";
    public const string Suspensions = "/api/access/suspensions";
    public const string Restorations = "/api/access/restorations";
    public const string Corrections = "/api/corrections";
    public const string Check = "/api/access/check";

    public static string Amendments(string directiveId) => $"/api/directives/{directiveId}/amendments";
    public static string Easings(string directiveId) => $"/api/directives/{directiveId}/easings";
    public static string Rescissions(string directiveId) => $"/api/directives/{directiveId}/rescissions";
    public static string Vettings(string organizationId) => $"/api/organizations/{organizationId}/vettings";
    public static string Revocations(string organizationId, string vettingId) => $"/api/organizations/{organizationId}/vettings/{vettingId}/revocations";
    public static string Annex(string easingId) => $"/api/easings/{easingId}/annex";
}
