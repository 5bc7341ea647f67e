using Alba;
using Ledger.Api.Demo;
using Ledger.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Wolverine;

namespace Ledger.Security.Tests.Support;

[CollectionDefinition(Name)]
public sealed class SecureLedgerCollection : ICollectionFixture<SecureLedger>
{
    public const string Name = "secure-ledger";
}

/// <summary>
/// The service as deployed, against the real PostgreSQL named by <c>ConnectionStrings__Ledger</c>, in a schema of
/// its own (<c>sec_…</c>, dropped at the end) so it never meets another test project's data. It trusts a local key
/// made for this run, and holds the reference scenario, recorded through the API with the roles the matrix names.
/// The rate limit is set out of reach here; <see cref="Limits"/> tests it on a host of its own.
/// </summary>
public sealed class SecureLedger : IAsyncLifetime
{
    private readonly string keyDirectory = Directory.CreateTempSubdirectory("ledger-sec-").FullName;

    public string Schema { get; } = $"sec_{Guid.NewGuid():N}"[..16];

    public IAlbaHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ECDsaSecurityKey Key { get; private set; } = null!;

    /// <summary>The query parameters each endpoint has asked for so far.</summary>
    public QueryReads QueryReads { get; } = new();

    public const string Addressee = "frontier-labs";
    public const string Directive = "D-2026-06-12-01";
    public const string Easing = "E-2026-06-26-01";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Ledger")
        ?? throw new InvalidOperationException("Set ConnectionStrings__Ledger to a PostgreSQL database the tests may use (ops/test does this).");

    public string KeyFile => Path.Combine(keyDirectory, "signing-key.pem");

    public async Task InitializeAsync()
    {
        Host = await Boot(Schema, KeyFile, new Dictionary<string, string?>
        {
            // Subscriptions registered here point at a closed loopback port: nothing leaves the machine.
            ["Ledger:Webhooks:AllowHttp"] = "true",
            ["Ledger:Webhooks:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Ledger:RateLimit:Reads:Permits"] = "1000000",
            ["Ledger:RateLimit:Reads:Burst"] = "1000000",
            ["Ledger:RateLimit:Writes:Permits"] = "1000000",
            ["Ledger:RateLimit:Writes:Burst"] = "1000000",
            ["Ledger:RateLimit:Heavy:Permits"] = "1000000",
            ["Ledger:RateLimit:Heavy:Burst"] = "1000000",
        }, services => services.AddSingleton(QueryReads).AddSingleton<IStartupFilter>(QueryReads));
        Client = Host.Server.CreateClient();
        Key = LocalTokens.LoadOrCreate(KeyFile);
        foreach (var request in ReferenceScenario.Requests())
        {
            var role = RoleMatrix.Find(request.Method, Route(request.Path))!.Roles.Single();
            var reply = await Send(request.Method, request.Path, Token(role, subject: $"seed-{role}"), request.Body);
            reply.Status.ShouldBe(201, $"{request.Method} {request.Path} as {role}: {reply}");
        }
    }

    /// <summary>
    /// A host of the service with its own schema (applied by db-apply as the owner first) and key;
    /// <paramref name="settings"/> and <paramref name="services"/> on top.
    /// </summary>
    public static async Task<IAlbaHost> Boot(string schema, string keyFile, IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        await TestRoles.Apply(schema);
        return await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Ledger:Schema", schema);
            web.UseSetting("Ledger:Demo", "false");
            web.UseSetting("Ledger:Auth:SigningKeyFile", keyFile);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:LogLevel:Ledger.Api.Security", "Error");
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            web.ConfigureServices(collection =>
            {
                collection.RunWolverineInSoloMode();
                collection.DisableAllExternalWolverineTransports();
                services?.Invoke(collection);
            });
        });
    }

    public string Token(string role, string subject = "tester", string? org = null) => Token([role], subject, org);

    public string Token(IEnumerable<string> roles, string subject = "tester", string? org = null) => Mint(roles, subject, org);

    public string Mint(
        IEnumerable<string>? roles = null, string subject = "tester", string? org = null, DateTimeOffset? now = null, TimeSpan? lifetime = null,
        string audience = "directive-ledger", string issuer = "directive-ledger-local", SecurityKey? key = null) =>
        LocalTokens.Mint(key ?? Key, issuer, audience, subject, roles ?? Roles.All, now ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromMinutes(5), org);

    public Task<Reply> Send(string method, string path, string? token, JsonNode? body = null) =>
        Send(new HttpMethod(method), path, token,
            body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>
    /// One request through the in-memory server. An event stream is not read to its end: its status and headers
    /// answer the question, and leaving it open would hang the test.
    /// </summary>
    public async Task<Reply> Send(HttpMethod method, string path, string? token, HttpContent? content, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        configure?.Invoke(request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var text = mediaType switch
        {
            "text/event-stream" => "",
            "application/pdf" => PdfText(await response.Content.ReadAsByteArrayAsync(timeout.Token)),
            _ => await response.Content.ReadAsStringAsync(timeout.Token),
        };
        return new Reply((int)response.StatusCode, mediaType, response.Headers, text);
    }

    /// <summary>A PDF as a person reads it: its text, by poppler's pdftotext (which ops/test installs).</summary>
    private static string PdfText(byte[] pdf)
    {
        var file = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, ArgumentList = { file, "-" } };
            using var process = System.Diagnostics.Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, "pdftotext could not read the PDF");
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    public Task<long> EventCount() => EventCount(Schema);

    /// <summary>Rows in the event table, whatever their type: a denied or refused request must add none.</summary>
    public static async Task<long> EventCount(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The matrix's route for a concrete path of the reference scenario.</summary>
    private static string Route(string path) => path switch
    {
        _ when path.StartsWith("/api/directives/", StringComparison.Ordinal) =>
            "/api/directives/{directiveId}/" + path.Split('/')[^1],
        _ when path.StartsWith("/api/organizations/", StringComparison.Ordinal) =>
            "/api/organizations/{organizationId}/" + path.Split('/')[^1],
        _ => path,
    };

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null)
            await Host.DisposeAsync();
        await Drop(Schema);
        Directory.Delete(keyDirectory, recursive: true);
    }

    /// <summary>As the owner: the service's role owns nothing it could drop.</summary>
    public static async Task Drop(string schema)
    {
        await using var connection = new NpgsqlConnection(TestRoles.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
        await command.ExecuteNonQueryAsync();
    }
}
