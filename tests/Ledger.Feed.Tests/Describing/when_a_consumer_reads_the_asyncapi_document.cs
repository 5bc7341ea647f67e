using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Ledger.Api.Feed.Envelopes;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Describing;

[Collection(LedgerCollection.Name)]
public sealed class when_a_consumer_reads_the_asyncapi_document(LedgerApp app)
{
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private async Task<JsonNode> Document() => JsonNode.Parse(await app.Subscriber.GetStringAsync("/asyncapi.json"))!;

    [Fact]
    public async Task it_is_a_valid_asyncapi_3_document()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("asyncapi-3.0.0.schema.json")!;
        var official = JsonSchema.FromText(await new StreamReader(stream).ReadToEndAsync());
        var document = await Document();

        var result = official.Evaluate(JsonSerializer.SerializeToElement(document), Detailed);

        result.IsValid.ShouldBeTrue(string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20)));
        document["asyncapi"]!.GetValue<string>().ShouldBe("3.0.0");
        var broken = document.DeepClone().AsObject();
        broken["operations"]!["serveFeed"]!["action"] = "publish";
        official.Evaluate(JsonSerializer.SerializeToElement(broken)).IsValid.ShouldBeFalse("the official schema must catch a 2.x-style action");
        document["channels"]!.AsObject().Select(c => c.Key)
            .ShouldBe(["feed", "feedStream", "accessChangesQueue", "accessChangesExchange", "webhook"], ignoreOrder: true);
    }

    [Fact]
    public async Task it_tells_a_consumer_how_to_start_from_a_snapshot_and_filter_every_channel()
    {
        var document = await Document();
        var contract = document["info"]!["description"]!.GetValue<string>();
        contract.ShouldContain("/api/feed/snapshot");
        foreach (var channel in new[] { "feed", "feedStream" })
            document["channels"]![channel]!["description"]!.GetValue<string>().ShouldContain("modelId", customMessage: channel);
        document["channels"]!["webhook"]!["description"]!.GetValue<string>().ShouldContain("modelIds");
    }

    [Fact]
    public async Task every_reference_in_it_resolves()
    {
        var document = await Document();
        var references = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key == "$ref")
                            references.Add(value!.GetValue<string>());
                        else
                            Walk(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                        Walk(item);
                    break;
            }
        }

        Walk(document);
        references.ShouldNotBeEmpty();
        foreach (var reference in references)
        {
            var target = reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)document, (n, segment) => n?[segment]);
            target.ShouldNotBeNull($"{reference} does not resolve");
        }
    }

    [Fact]
    public async Task real_envelopes_match_the_message_schemas_it_declares()
    {
        var given = new Given(app.Writer);
        var model = given.Id("model");
        var start = await given.Model(model);
        var organization = given.Id("org");
        await given.Organization(organization);
        await given.Directive(given.Id("D"), [model], Given.In(TimeSpan.FromHours(-2)), confidential: true, rationale: "x", addressees: [organization]);
        await given.Suspension(given.Id("S"), model, Given.In(TimeSpan.FromHours(3)));
        var raw = JsonNode.Parse(await app.Subscriber.GetStringAsync($"/api/feed?after={start - 1}&limit=100"))!["events"]!.AsArray();

        foreach (var envelope in raw)
        {
            var type = envelope!["type"]!.GetValue<string>();
            var schema = type == FeedEnvelopes.AccessChangedType ? "accessChangedEvent" : "ledgerEvent";
            var result = (await PayloadSchema(schema)).Evaluate(JsonSerializer.SerializeToElement(envelope), Detailed);
            result.IsValid.ShouldBeTrue($"{type} {envelope["id"]}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }

        raw.Select(e => e!["type"]!.GetValue<string>()).ShouldContain(FeedEnvelopes.AccessChangedType);
        var unpadded = raw.First(e => e!["type"]!.GetValue<string>() == FeedEnvelopes.AccessChangedType)!.DeepClone();
        unpadded["sequence"] = "42";
        (await PayloadSchema("accessChangedEvent")).Evaluate(JsonSerializer.SerializeToElement(unpadded)).IsValid.ShouldBeFalse();
    }

    /// <summary>The document itself as a draft-07 schema whose root is a reference to one of its component schemas.</summary>
    private async Task<JsonSchema> PayloadSchema(string name)
    {
        var document = (await Document()).AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = $"https://directive-ledger.test/{Guid.NewGuid():N}/asyncapi.json",
            ["$ref"] = $"#/components/schemas/{name}",
            ["components"] = document["components"]!.DeepClone(),
        };
        return JsonSchema.FromText(root.ToJsonString());
    }
}
