using Alba;
using Ledger.Api.Security;

namespace Ledger.Security.Tests.Limits;

/// <summary>
/// Issue 14, item 9, on a host of its own with small budgets: reads, writes and heavy requests (verify, export, annex,
/// replay) each have a budget per client, so spending one leaves the others; and <c>X-Forwarded-For</c> names the
/// client only when the connection comes from a proxy listed in <c>Ledger:KnownProxies</c>.
/// </summary>
public sealed class when_requests_cost_differently : IAsyncLifetime
{
    private readonly string schema = $"sec_{Guid.NewGuid():N}"[..16];
    private readonly string keyFile = Path.Combine(Directory.CreateTempSubdirectory("ledger-sec-").FullName, "key.pem");
    private IAlbaHost host = null!;

    public async Task InitializeAsync() =>
        host = await SecureLedger.Boot(schema, keyFile, new Dictionary<string, string?>
        {
            ["Ledger:RateLimit:Reads:Permits"] = "1",
            ["Ledger:RateLimit:Reads:Period"] = "00:01:00",
            ["Ledger:RateLimit:Reads:Burst"] = "4",
            ["Ledger:RateLimit:Writes:Permits"] = "1",
            ["Ledger:RateLimit:Writes:Period"] = "00:01:00",
            ["Ledger:RateLimit:Writes:Burst"] = "4",
            ["Ledger:RateLimit:Heavy:Permits"] = "1",
            ["Ledger:RateLimit:Heavy:Period"] = "00:01:00",
            ["Ledger:RateLimit:Heavy:Burst"] = "1",
            ["Ledger:KnownProxies:0"] = "10.0.0.0/8",
        });

    private string Token(string subject, string role) =>
        LocalTokens.Mint(LocalTokens.LoadOrCreate(keyFile), "directive-ledger-local", "directive-ledger", subject, [role], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    private async Task<int> Send(string method, string path, string? token, string? from = null, string? forwardedFor = null, JsonNode? body = null)
    {
        var context = await host.Server.SendAsync(http =>
        {
            http.Request.Method = method;
            http.Request.Path = path;
            if (token is not null)
                http.Request.Headers.Authorization = $"Bearer {token}";
            if (from is not null)
                http.Connection.RemoteIpAddress = IPAddress.Parse(from);
            if (forwardedFor is not null)
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                http.Request.ContentType = "application/json";
                http.Request.ContentLength = bytes.Length;
                http.Request.Body = new MemoryStream(bytes);
            }
        });
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task a_client_that_spends_its_heavy_budget_still_reads_and_writes()
    {
        var auditor = Token("heavy-auditor", Roles.Auditor);
        (await Send("GET", "/api/ledger/verify", auditor)).ShouldBe(200);
        (await Send("GET", "/api/ledger/verify", auditor)).ShouldBe(429);
        (await Send("GET", "/api/ledger/export", auditor)).ShouldBe(429, "verify and export share the heavy budget");
        (await Send("GET", "/api/access-matrix", auditor)).ShouldBe(200);
        (await Send("GET", "/api/ledger/verify", Token("another-auditor", Roles.Auditor))).ShouldBe(200, "budgets are per client");
    }

    [Fact]
    public async Task a_client_that_floods_reads_still_writes()
    {
        var both = LocalTokens.Mint(LocalTokens.LoadOrCreate(keyFile), "directive-ledger-local", "directive-ledger", "reader-writer",
            [Roles.Operations], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var reads = new List<int>();
        for (var i = 0; i < 6; i++)
            reads.Add(await Send("GET", "/api/access-matrix", both));
        reads.ShouldContain(429);
        (await Send("POST", "/api/models", both, body: Samples.Body("POST", "/api/models"))).ShouldBe(201);
    }

    [Fact]
    public async Task forwarded_addresses_are_believed_from_known_proxies_only()
    {
        var fromProxy = new List<int>();
        for (var i = 0; i < 6; i++)
            fromProxy.Add(await Send("GET", "/api/access-matrix", null, from: "10.1.2.3", forwardedFor: "203.0.113.5"));
        fromProxy.ShouldContain(429);
        (await Send("GET", "/api/access-matrix", null, from: "10.1.2.3", forwardedFor: "203.0.113.6"))
            .ShouldBe(401, "another client behind the same proxy has a budget of its own");

        var spoofed = new List<int>();
        for (var i = 0; i < 6; i++)
            spoofed.Add(await Send("GET", "/api/access-matrix", null, from: "198.51.100.7", forwardedFor: $"203.0.113.{100 + i}"));
        spoofed.ShouldContain(429, "a client that is not a known proxy cannot choose its address");
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await SecureLedger.Drop(schema);
        Directory.Delete(Path.GetDirectoryName(keyFile)!, recursive: true);
    }
}
