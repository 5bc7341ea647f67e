namespace Ledger.Api.Tests.Operations;

/// <summary>Product.md section 6, operations: liveness, readiness against PostgreSQL, and the OpenAPI document of the API.</summary>
public class when_operating_the_service(AppFixture app) : IntegrationContext(app)
{
    private static readonly string[] WritePaths =
    [
        "/api/models",
        "/api/organizations",
        "/api/directives",
        "/api/directives/{directiveId}/amendments",
        "/api/directives/{directiveId}/easings",
        "/api/directives/{directiveId}/rescissions",
        "/api/organizations/{organizationId}/vettings",
        "/api/organizations/{organizationId}/vettings/{vettingId}/revocations",
        "/api/access/suspensions",
        "/api/access/restorations",
        "/api/corrections",
    ];

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task the_health_endpoints_answer_200(string path)
    {
        var reply = await Host.Get(path);

        reply.Status.ShouldBe(200, reply.ToString());
        reply.Text.ShouldBe("Healthy");
    }

    [Fact]
    public async Task the_openapi_document_lists_every_write_with_its_request_schema()
    {
        var document = await OpenApi();

        var paths = document["paths"]!.AsObject();
        foreach (var path in WritePaths)
        {
            var post = (paths[path]?["post"]).ShouldNotBeNull($"{path} is not in the OpenAPI document");
            var schema = (post["requestBody"]?["content"]?["application/json"]?["schema"]).ShouldNotBeNull($"POST {path} has no JSON request schema");
            var resolved = Resolve(document, schema);
            resolved["properties"].ShouldNotBeNull($"POST {path}: the request schema has no properties").AsObject().Count.ShouldBeGreaterThan(0);
        }

        var issue = Resolve(document, paths["/api/directives"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        issue["properties"]!.AsObject().Select(p => p.Key).ShouldBe(
            ["directiveId", "reference", "issuer", "authorities", "kind", "channel", "confidential", "scope", "effectiveAt", "receivedAt", "receivedTimeZone", "documents", "rationale", "addressees", "issuingOrganizationId"],
            ignoreOrder: true);
        issue["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldNotContain("rationale");
        issue["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldNotContain("addressees");
        (paths["/api/access-matrix"]?["get"]).ShouldNotBeNull();
        (paths["/api/access/check"]?["post"]).ShouldNotBeNull();
    }

    [Fact]
    public async Task the_openapi_document_describes_the_201_answer_of_every_write()
    {
        var document = await OpenApi();

        var undocumented = WritePaths
            .Where(path => document["paths"]![path]?["post"]?["responses"]?["201"] is null)
            .ToList();

        undocumented.ShouldBeEmpty("writes answer 201 with a receipt (product.md section 6), but these document no 201 response");
    }

    private async Task<JsonNode> OpenApi()
    {
        var reply = await Host.Get("/openapi/v1.json");
        reply.Status.ShouldBe(200, reply.ToString());
        reply.ContentType.ShouldNotBeNull().ShouldStartWith("application/json");
        return reply.Json;
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]].ShouldNotBeNull($"{reference} does not resolve")
            : schema;
}
