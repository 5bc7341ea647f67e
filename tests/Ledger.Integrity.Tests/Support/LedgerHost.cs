using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Net.Http.Headers;
using Alba;
using Ledger.Api.Demo;
using Ledger.Api.Integrity;
using Ledger.Api.Security;
using Ledger.Integrity.Checkpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Wolverine;

namespace Ledger.Integrity.Tests.Support;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "ledger host";
}

/// <summary>The real service on the tests' own database, started fresh on an emptied ledger.</summary>
public static class LedgerHost
{
    private static readonly string KeyFile = Path.Combine(Path.GetTempPath(), $"ledger-integrity-tests-{Environment.ProcessId}.key");
    private static readonly string TokenKeyFile = Path.Combine(Path.GetTempPath(), $"ledger-integrity-tests-{Environment.ProcessId}", "token-key.pem");
    private static readonly Lazy<ECDsaSecurityKey> TokenKey = new(() => LocalTokens.LoadOrCreate(TokenKeyFile));

    /// <param name="schema">another ledger schema than the one db-apply prepared for these tests</param>
    /// <param name="leafVersion">the encoding new facts are sealed in (1 reproduces a ledger sealed before leaf/v2)</param>
    public static Task<IAlbaHost> Start(
        bool reset = true, bool sealing = true, string? keyFile = null, string? schema = null, int leafVersion = 2, params string[] previousKeys) =>
        Start(reset, sealing, keyFile, schema, leafVersion, clock: null, previousKeys);

    /// <summary>A host whose clock is <paramref name="clock"/>: a reader asking twice at one instant gets the same bytes.</summary>
    public static Task<IAlbaHost> Start(TimeProvider clock, string? keyFile = null) =>
        Start(reset: false, sealing: true, keyFile, schema: null, leafVersion: 2, clock, []);

    private static async Task<IAlbaHost> Start(
        bool reset, bool sealing, string? keyFile, string? schema, int leafVersion, TimeProvider? clock, string[] previousKeys)
    {
        if (reset)
            await IntegrityDatabase.Reset();
        else
            await IntegrityDatabase.EnsureCreated();
        return await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Ledger", IntegrityDatabase.Ledger);
            if (schema is not null)
                web.UseSetting("Ledger:Schema", schema);
            web.UseSetting("Ledger:Demo", "false");
            web.UseSetting("Ledger:Integrity:KeyFile", keyFile ?? KeyFile);
            for (var i = 0; i < previousKeys.Length; i++)
                web.UseSetting($"Ledger:Integrity:PreviousVerifierKeys:{i}", previousKeys[i]);
            web.UseSetting("Ledger:Integrity:Sealing", sealing ? "true" : "false");
            web.UseSetting("Ledger:Integrity:LeafVersion", leafVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Ledger:Auth:SigningKeyFile", TokenKeyFile);
            web.UseSetting("Ledger:RateLimit:Enabled", "false");
            web.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                if (clock is not null)
                    services.AddSingleton(clock);
            });
        });
    }

    /// <summary>
    /// A client whose requests carry a bearer token of the given roles (all of them by default): these tests are
    /// about integrity, tests/Ledger.Security.Tests about who may call what.
    /// </summary>
    public static HttpClient Client(this IAlbaHost host, IReadOnlyList<string>? roles = null, string? organization = null)
    {
        var client = host.Server.CreateClient();
        var token = LocalTokens.Mint(TokenKey.Value, "directive-ledger-local", "directive-ledger", "integrity-tests", roles ?? Roles.All,
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), organization);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Records the reference scenario (21 facts) and then <paramref name="models"/> model registrations.</summary>
    public static async Task Record(this IAlbaHost host, int models = 0)
    {
        foreach (var request in ReferenceScenario.Requests())
            await host.Post(request.Path, request.Body);
        await host.AddModels(models);
    }

    public static async Task AddModels(this IAlbaHost host, int models)
    {
        for (var i = 0; i < models; i++)
            await host.Post("/api/models", new JsonObject { ["modelId"] = $"model-{Guid.NewGuid():N}", ["name"] = $"Model {i}" });
    }

    public static async Task Post(this IAlbaHost host, string path, JsonObject body)
    {
        using var client = host.Client();
        using var response = await client.PostAsJsonAsync(path, body);
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<(int Status, string Body)> Get(this IAlbaHost host, string path)
    {
        using var client = host.Client();
        using var response = await client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<VerificationReport> Verify(this IAlbaHost host)
    {
        var (status, body) = await host.Get("/api/ledger/verify");
        status.ShouldBe(200, body);
        return JsonSerializer.Deserialize<VerificationReport>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    public static async Task<NoteVerifierKey> Key(this IAlbaHost host)
    {
        var (_, body) = await host.Get("/api/ledger/key");
        NoteVerifierKey.TryParse(body, out var key).ShouldBeTrue(body);
        return key!;
    }
}
