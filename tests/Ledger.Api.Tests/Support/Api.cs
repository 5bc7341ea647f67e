using Microsoft.AspNetCore.Http;

namespace Ledger.Api.Tests.Support;

/// <summary>One HTTP answer as the tests read it: status, content type, headers and the body as text and JSON.</summary>
public sealed record Reply(int Status, string? ContentType, IHeaderDictionary Headers, string Text)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("the body is JSON null");

    public string Str(string member) => Json[member]?.GetValue<string>() ?? throw new ShouldAssertException($"no {member} in {Text}");

    public long Long(string member) => Json[member]?.GetValue<long>() ?? throw new ShouldAssertException($"no {member} in {Text}");

    public bool Bool(string member) => Json[member]?.GetValue<bool>() ?? throw new ShouldAssertException($"no {member} in {Text}");

    public override string ToString() => $"{Status} {ContentType}: {Text}";
}

/// <summary>The public API as the tests call it, through Alba's in-memory server.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Task<Reply> Post(this IAlbaHost host, string path, JsonNode body, string? idempotencyKey = null, string? ifMatch = null) =>
        host.PostBytes(path, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", idempotencyKey, ifMatch);

    public static async Task<Reply> PostBytes(
        this IAlbaHost host, string path, byte[] body, string? contentType = "application/json", string? idempotencyKey = null, string? ifMatch = null,
        bool chunked = false)
    {
        var result = await host.Scenario(x =>
        {
            x.ByteArray(body);
            x.Post.Url(path);
            x.ConfigureHttpContext(http =>
            {
                if (contentType is null)
                    http.Request.Headers.Remove("Content-Type");
                else
                    http.Request.ContentType = contentType;
                if (chunked)
                    http.Request.ContentLength = null;
            });
            if (idempotencyKey is not null)
                x.WithRequestHeader("Idempotency-Key", idempotencyKey);
            if (ifMatch is not null)
                x.WithRequestHeader("If-Match", ifMatch);
            x.IgnoreStatusCode();
        });
        return await ReplyOf(result);
    }

    public static async Task<Reply> Get(this IAlbaHost host, string url)
    {
        var result = await host.Scenario(x =>
        {
            x.Get.Url(url);
            x.IgnoreStatusCode();
        });
        return await ReplyOf(result);
    }

    /// <summary>A write that must be accepted: 201 with the ledger's receipt.</summary>
    public static async Task<Receipt> Recorded(this IAlbaHost host, string path, JsonNode body, string? idempotencyKey = null, string? ifMatch = null)
    {
        var reply = await host.Post(path, body, idempotencyKey, ifMatch);
        reply.Status.ShouldBe(201, $"POST {path} {body.ToJsonString()} was answered {reply}");
        return reply.As<Receipt>();
    }

    public static async Task<Matrix> Matrix(this IAlbaHost host, string query)
    {
        var reply = await host.Get($"/api/access-matrix?{query}");
        reply.Status.ShouldBe(200, reply.ToString());
        return reply.As<Matrix>();
    }

    public static async Task<long> Head(this IAlbaHost host) => (await host.Matrix("modelId=-")).Position;

    public static T As<T>(this Reply reply) =>
        JsonSerializer.Deserialize<T>(reply.Text, Web) ?? throw new ShouldAssertException($"{typeof(T).Name} expected, got {reply}");

    /// <summary>Product.md rule 9: RFC 9457 problem details, a stable type per rule, the rule and the offending field.</summary>
    public static Reply ShouldBeProblem(this Reply reply, int status, string rule, string? field = null)
    {
        var expected = new Problem(status, "application/problem+json", $"https://directive-ledger.dev/problems/{rule}", status, rule, field);
        var json = reply.Status is >= 400 && reply.Text.StartsWith('{') ? reply.Json : new JsonObject();
        var actual = new Problem(
            reply.Status,
            reply.ContentType?.Split(';')[0],
            json["type"]?.ToString(),
            json["status"]?.GetValue<int>(),
            json["rule"]?.ToString(),
            field is null ? null : json["field"]?.ToString());
        actual.ShouldBe(expected, reply.ToString());
        (json["title"]?.ToString()).ShouldNotBeNullOrWhiteSpace(reply.ToString());
        return reply;
    }

    private sealed record Problem(int Status, string? ContentType, string? Type, int? StatusMember, string? Rule, string? Field);

    private static async Task<Reply> ReplyOf(IScenarioResult result)
    {
        var response = result.Context.Response;
        return new Reply(response.StatusCode, response.ContentType, response.Headers, await result.ReadAsTextAsync());
    }
}

public sealed record Receipt(string Id, long StreamVersion, long Position, DateTimeOffset RecordedAt, bool Retroactive);

public sealed record BasisEvent(string EventId, long Position, string Type);

public sealed record Cell(
    string ModelId, string OrganizationId, string PersonClass, string Legal, string Provider, string Access,
    DateTimeOffset? Since, IReadOnlyList<BasisEvent> Basis, string Explanation)
{
    public string Line => $"{ModelId} {OrganizationId} {PersonClass}: {Legal} {Provider} {Access}";
}

public sealed record Matrix(DateTimeOffset AsOf, DateTimeOffset? KnownAt, long Position, IReadOnlyList<Cell> Cells)
{
    public Cell this[string model, string organization, string personClass] =>
        Cells.SingleOrDefault(c => c.ModelId == model && c.OrganizationId == organization && c.PersonClass == personClass)
        ?? throw new ShouldAssertException($"no cell {model} {organization} {personClass}");
}

public sealed record CheckAnswer(
    string Access, bool FailClosed, string Legal, string Provider, IReadOnlyList<string> Reasons, IReadOnlyList<BasisEvent> Basis,
    string AnsweredFrom, DateTimeOffset AsOf, long Position);

public static class Instants
{
    /// <summary>An RFC 3339 UTC instant with microseconds, the precision the ledger keeps, ready for a query string.</summary>
    public static string Rfc3339(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
