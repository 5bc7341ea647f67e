using Alba;
using Ledger.Api.Security;

namespace Ledger.Security.Tests.Limits;

/// <summary>
/// A host of its own with a tiny bucket (burst 5, one permit a second) and its own schema: a flood is answered 429
/// with <c>Retry-After</c> and writes nothing more, other clients are not affected, and health probes never wait.
/// </summary>
public sealed class when_a_client_floods : IAsyncLifetime
{
    private readonly string schema = $"sec_{Guid.NewGuid():N}"[..16];
    private readonly string keyFile = Path.Combine(Directory.CreateTempSubdirectory("ledger-sec-").FullName, "key.pem");
    private IAlbaHost host = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        host = await SecureLedger.Boot(schema, keyFile, new Dictionary<string, string?>
        {
            ["Ledger:RateLimit:Reads:Permits"] = "1",
            ["Ledger:RateLimit:Reads:Burst"] = "5",
            ["Ledger:RateLimit:Writes:Permits"] = "1",
            ["Ledger:RateLimit:Writes:Burst"] = "5",
        });
        client = host.Server.CreateClient();
    }

    private string Token(string subject, string role) =>
        LocalTokens.Mint(LocalTokens.LoadOrCreate(keyFile), "directive-ledger-local", "directive-ledger", subject, [role], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task a_flood_is_429_with_retry_after_and_writes_nothing_more()
    {
        var flooder = Token("flooder", Roles.Operations);
        var before = await SecureLedger.EventCount(schema);
        var statuses = new List<int>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await Send(HttpMethod.Post, "/api/models", flooder, Samples.Body("POST", "/api/models"));
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited ??= response;
        }

        limited.ShouldNotBeNull(string.Join(", ", statuses));
        var seconds = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        seconds.ShouldBeGreaterThanOrEqualTo(1);
        var problem = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem["type"]!.GetValue<string>().ShouldBe("https://directive-ledger.dev/problems/rate-limited");
        statuses.ShouldAllBe(s => s == 201 || s == 429);
        (await SecureLedger.EventCount(schema)).ShouldBe(before + statuses.Count(s => s == 201));

        (await Send(HttpMethod.Get, "/api/access-matrix", Token("bystander", Roles.Auditor))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task callers_without_a_valid_token_are_limited_by_address()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
            statuses.Add((int)(await Send(HttpMethod.Get, "/api/access-matrix", "forged.token.here")).StatusCode);
        statuses.ShouldContain(401);
        statuses.ShouldContain(429);
    }

    [Fact]
    public async Task health_probes_are_never_limited()
    {
        for (var i = 0; i < 30; i++)
            (await Send(HttpMethod.Get, "/health/live", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        await SecureLedger.Drop(schema);
        Directory.Delete(Path.GetDirectoryName(keyFile)!, recursive: true);
    }
}
