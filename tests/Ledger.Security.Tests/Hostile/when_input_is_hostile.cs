using System.Net.Http.Headers;
using Ledger.Api.Security;

namespace Ledger.Security.Tests.Hostile;

/// <summary>Each guard on its own, with the problem it answers; every refusal writes nothing.</summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_input_is_hostile(SecureLedger ledger)
{
    private string Operations => ledger.Token(Roles.Operations);

    private async Task<Reply> Refused(Func<Task<Reply>> send)
    {
        var before = await ledger.EventCount();
        var reply = await send();
        (await ledger.EventCount()).ShouldBe(before, reply.ToString());
        return reply;
    }

    private Task<Reply> PostRaw(string path, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return ledger.Send(HttpMethod.Post, path, Operations, content);
    }

    private static JsonObject Model() => new() { ["modelId"] = $"m-h-{Guid.NewGuid():N}"[..16], ["name"] = "Hostile" };

    [Fact]
    public async Task an_unknown_field_is_400() =>
        (await Refused(() => ledger.Send("POST", "/api/models", Operations, new JsonObject { ["modelId"] = "m-x1", ["name"] = "x", ["admin"] = true })))
        .ShouldBeProblem(400, "invalid-body");

    [Fact]
    public async Task a_wrong_type_is_400()
    {
        var body = Model();
        body["name"] = 42;
        (await Refused(() => ledger.Send("POST", "/api/models", Operations, body))).ShouldBeProblem(400, "invalid-body");
    }

    [Theory]
    [InlineData(33)]
    [InlineData(100_000)]
    public async Task nesting_deeper_than_32_is_400(int depth)
    {
        var json = $"{{\"modelId\":\"m-deep\",\"name\":{new string('[', depth)}{new string(']', depth)}}}";
        (await Refused(() => PostRaw("/api/models", Encoding.UTF8.GetBytes(json)))).ShouldBeProblem(400, "invalid-body");
    }

    [Fact]
    public async Task a_body_over_one_mebibyte_is_413()
    {
        var json = $"{{\"modelId\":\"m-big\",\"name\":\"{new string('x', 1024 * 1024)}\"}}";
        (await Refused(() => PostRaw("/api/models", Encoding.UTF8.GetBytes(json)))).ShouldBeProblem(413, "body-too-large");
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_415()
    {
        var reply = await Refused(() => PostRaw("/api/models", "modelId=x"u8.ToArray(), "application/x-www-form-urlencoded"));
        (reply.Status, reply.ContentType).ShouldBe((415, "application/problem+json"), reply.ToString());
    }

    [Fact]
    public async Task invalid_utf8_is_400() =>
        (await Refused(() => PostRaw("/api/models", [.. "{\"modelId\":\"m-u\",\"name\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8])))
        .ShouldBeProblem(400, "invalid-body");

    [Theory]
    [InlineData("1e400")]
    [InlineData("123456789012345678901234567890")]
    public async Task a_huge_number_is_400(string number) =>
        (await Refused(() => PostRaw("/api/access/restorations", Encoding.UTF8.GetBytes(
            $"{{\"restorationId\":\"r-n\",\"modelId\":\"fable-5\",\"personClasses\":[\"us-person\"],\"effectiveAt\":{number}}}"))))
        .ShouldBeProblem(400, "invalid-body");

    [Theory]
    [InlineData("x' OR '1'='1")]
    [InlineData("<script>alert(1)</script>")]
    public async Task a_hostile_id_is_400(string id)
    {
        var body = Model();
        body["modelId"] = id;
        (await Refused(() => ledger.Send("POST", "/api/models", Operations, body))).ShouldBeProblem(400, "invalid-id");
    }

    [Theory]
    [InlineData("%27%20OR%201%3D1--")]
    [InlineData("%3Cscript%3E")]
    [InlineData("*")]
    public async Task a_hostile_route_id_is_400_on_reads_too(string segment) =>
        (await Refused(() => ledger.Send("GET", $"/api/organizations/{segment}/history", ledger.Token(Roles.Auditor))))
        .ShouldBeProblem(400, "invalid-id");

    [Fact]
    public async Task an_overlong_route_id_is_400() =>
        (await Refused(() => ledger.Send("GET", $"/api/models/{new string('a', 129)}/history", ledger.Token(Roles.Auditor))))
        .ShouldBeProblem(400, "invalid-id");

    [Fact]
    public async Task sql_in_a_text_field_is_stored_as_text_and_runs_nowhere()
    {
        const string name = "x'); DROP TABLE mt_events; --";
        var body = Model();
        body["name"] = name;
        var before = await ledger.EventCount();
        (await ledger.Send("POST", "/api/models", Operations, body)).Status.ShouldBe(201);
        (await ledger.EventCount()).ShouldBe(before + 1);
        var history = await ledger.Send("GET", $"/api/models/{body["modelId"]}/history", ledger.Token(Roles.Auditor));
        history.Json["entries"]![0]!["fact"]!["name"]!.GetValue<string>().ShouldBe(name);
    }

    [Fact]
    public async Task responses_are_not_sniffed_or_cached()
    {
        var reply = await ledger.Send("GET", "/api/directives", ledger.Token(Roles.Auditor));
        reply.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        reply.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }
}
