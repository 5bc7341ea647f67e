using System.Text.RegularExpressions;
using Ledger.Api.Security;

namespace Ledger.Security.Tests.Documentation;

/// <summary>
/// The OpenAPI document tells people and client generators what the service does: every query parameter an endpoint
/// reads, with its type, format and meaning; a summary, a feature tag and a readable id on every operation; the bearer
/// scheme the role matrix enforces; one problem schema with the ledger's rule and field. Scalar renders it at /docs.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed partial class when_reading_the_api_document(SecureLedger ledger)
{
    private static readonly string[] Everyone = [Roles.Compliance, Roles.Operations, Roles.Auditor, Roles.Regulator, Roles.Subscriber];

    private async Task<JsonNode> Document() => (await ledger.Send("GET", "/openapi/v1.json", null)).Json;

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select (path.Key, operation.Key.ToUpperInvariant(), operation.Value!);

    [Fact]
    public async Task every_query_parameter_an_endpoint_reads_is_declared_with_its_type_and_meaning()
    {
        var token = ledger.Token(Everyone, org: SecureLedger.Addressee);
        var read = Samples.Endpoints.Where(e => e.Method == "GET" && e.Route.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        foreach (var (_, route) in read)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Samples.Path(route));
            request.Headers.Authorization = new("Bearer", token);
            // Headers are enough: a stream reads its parameters before it sends them, and is closed here.
            using var reply = await ledger.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }

        (await ledger.Send("POST", "/api/access/check", token, new JsonObject
        {
            ["modelId"] = "mythos-5", ["organizationId"] = SecureLedger.Addressee, ["personClass"] = "foreign-person",
        })).Status.ShouldBe(200);

        var document = await Document();
        var undeclared = new List<string>();
        foreach (var (method, route) in read.Append(("POST", "/api/access/check")))
        {
            var asked = ledger.QueryReads.AskedBy(method, route);
            var parameters = document["paths"]![route]![method.ToLowerInvariant()]!["parameters"]?.AsArray()
                .Where(p => p!["in"]!.GetValue<string>() == "query").ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!) ?? [];
            foreach (var name in asked)
            {
                if (!parameters.TryGetValue(name, out var parameter))
                    undeclared.Add($"{method} {route}?{name}");
                else
                {
                    parameter["description"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace($"{route}?{name}");
                    // A repeated parameter (a filter list) is an array of strings.
                    var schema = parameter["schema"]!["type"]!.GetValue<string>() == "array" ? parameter["schema"]!["items"]! : parameter["schema"]!;
                    schema["type"]!.GetValue<string>().ShouldBeOneOf(["string", "integer"], $"{route}?{name}");
                }
            }
        }

        undeclared.ShouldBeEmpty();
        ledger.QueryReads.AskedBy("GET", "/api/feed").ShouldContain("after", "the recorder sees what an endpoint reads");
    }

    [Fact]
    public async Task the_point_in_time_reads_declare_as_of_known_at_and_position_with_their_formats()
    {
        var matrix = (await Document())["paths"]!["/api/access-matrix"]!["get"]!["parameters"]!.AsArray()
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["schema"]!);

        (matrix["asOf"]["type"]!.GetValue<string>(), matrix["asOf"]["format"]!.GetValue<string>()).ShouldBe(("string", "date-time"));
        (matrix["knownAt"]["type"]!.GetValue<string>(), matrix["knownAt"]["format"]!.GetValue<string>()).ShouldBe(("string", "date-time"));
        (matrix["position"]["type"]!.GetValue<string>(), matrix["position"]["format"]!.GetValue<string>()).ShouldBe(("integer", "int64"));
        matrix.Keys.ShouldContain("modelId");
    }

    [Fact]
    public async Task every_operation_has_a_summary_a_feature_tag_and_a_readable_id()
    {
        var document = await Document();
        var features = document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet();

        foreach (var (path, method, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            operation["summary"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace($"{method} {path}");
            operation["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldAllBe(tag => features.Contains(tag), $"{method} {path}");
            OperationId().IsMatch(operation["operationId"]!.GetValue<string>()).ShouldBeTrue($"{method} {path}: {operation["operationId"]}");
        }
    }

    [Fact]
    public async Task bearer_tokens_are_required_by_the_whole_document_with_the_roles_of_each_operation()
    {
        var document = await Document();
        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["security"]![0]!["Bearer"].ShouldNotBeNull();

        var post = document["paths"]!["/api/directives"]!["post"]!;
        post["security"].ShouldBeNull("the document's requirement applies");
        post["description"]!.GetValue<string>().ShouldContain("Roles: compliance.");
        foreach (var status in new[] { "401", "403", "429" })
            post["responses"]![status].ShouldNotBeNull(status);
        document["paths"]!["/api/directives/{directiveId}"]!["get"]!["description"]!.GetValue<string>().ShouldContain("Confidential text is withheld");
    }

    [Fact]
    public async Task every_problem_response_refers_to_one_schema_with_the_ledgers_rule_and_field()
    {
        var document = await Document();
        var problem = document["components"]!["schemas"]!["LedgerProblem"]!["properties"]!.AsObject();
        problem.Select(p => p.Key).ShouldBe(["type", "title", "status", "detail", "rule", "field"], ignoreOrder: true);

        var problems = (from operation in Operations(document)
            from response in operation.Operation["responses"]!.AsObject()
            let content = response.Value!["content"]?["application/problem+json"]
            where content is not null
            select (Where: $"{operation.Method} {operation.Path} {response.Key}", Ref: content["schema"]!["$ref"]?.GetValue<string>())).ToList();
        problems.ShouldNotBeEmpty();
        problems.Where(p => p.Ref != "#/components/schemas/LedgerProblem").Select(p => p.Where).ShouldBeEmpty();
    }

    [Fact]
    public async Task docs_serves_a_readable_reference_of_the_document_without_the_network()
    {
        var page = await ledger.Send("GET", "/docs/", null);

        page.Status.ShouldBe(200);
        page.ContentType!.ShouldStartWith("text/html");
        page.Text.ShouldContain("\"url\":\"openapi/v1.json\"");
        page.Text.ShouldNotContain("cdn.jsdelivr");
        page.Text.ShouldNotContain("fonts.scalar.com");
        var scripts = ScriptSource().Matches(page.Text).Select(m => m.Groups[1].Value).ToList();
        scripts.ShouldNotBeEmpty();
        foreach (var script in scripts)
        {
            script.ShouldNotContain("//", Case.Insensitive, "served by the service itself");
            (await ledger.Send("GET", $"/docs/{script}", null)).Status.ShouldBe(200, script);
        }
    }

    [GeneratedRegex("^[a-z][A-Za-z]+$")]
    private static partial Regex OperationId();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
