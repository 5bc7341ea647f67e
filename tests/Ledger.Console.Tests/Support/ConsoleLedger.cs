using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Ledger.Api.Demo;
using Ledger.Api.Security;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Ledger.Console.Tests.Support;

[CollectionDefinition(Name)]
public sealed class ConsoleLedgerCollection : ICollectionFixture<ConsoleLedger>
{
    public const string Name = "console-ledger";
}

/// <summary>
/// The built service (<c>Ledger.Api.dll</c>, Production) on a free loopback port, in a schema of its own (dropped at
/// the end), holding the reference scenario recorded through its API; and Debian's Chromium driven by Playwright.
/// A browser needs a real socket, so this is the deployed process, not an in-memory test server.
/// </summary>
public sealed class ConsoleLedger : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly string keyDirectory = Directory.CreateTempSubdirectory("ledger-console-").FullName;
    private ServiceProcess? service;
    private IPlaywright? playwright;

    public string Schema { get; } = $"con_{Guid.NewGuid():N}"[..16];

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public ECDsaSecurityKey Key { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>.local/test-results/console</c> of the repository (git-ignored).</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Repository.PathOf(".local", "test-results", "console")).FullName;

    private string KeyFile => Path.Combine(keyDirectory, "signing-key.pem");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: ops/test installs Debian's chromium package (apt-get install -y chromium)");
        await TestRoles.Apply(Schema);
        Key = LocalTokens.LoadOrCreate(KeyFile);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        service = await ServiceProcess.Start(port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Ledger"] = TestRoles.Service,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Ledger__Schema"] = Schema,
            ["Ledger__Auth__SigningKeyFile"] = KeyFile,
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_NOLOGO"] = "1",
        }, TimeSpan.FromSeconds(60));
        await Record();

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }

    /// <summary>Product.md section 9, through the API, each request with the one role the matrix allows it.</summary>
    private async Task Record()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        foreach (var request in ReferenceScenario.Requests())
        {
            var role = RoleMatrix.Entries.Single(e => e.Method == request.Method && Matches(e.Route, request.Path)).Roles.Single();
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.TrimStart('/'))
            {
                Content = JsonContent.Create(request.Body),
            };
            message.Headers.Authorization = new("Bearer", Token([role], subject: $"seed-{role}"));
            using var response = await client.SendAsync(message);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, $"{request.Method} {request.Path}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static bool Matches(string route, string path)
    {
        var (r, p) = (route.Trim('/').Split('/'), path.Trim('/').Split('/'));
        return r.Length == p.Length && r.Zip(p).All(pair => pair.First.StartsWith('{') || pair.First == pair.Second);
    }

    public string Token(IEnumerable<string> roles, string subject = "regulator-jane", string? org = null) =>
        LocalTokens.Mint(Key, "directive-ledger-local", "directive-ledger", subject, roles, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30), org);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        service?.Dispose();
        await using (var connection = new NpgsqlConnection(TestRoles.Owner))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"drop schema if exists {Schema} cascade", connection);
            await command.ExecuteNonQueryAsync();
        }

        Directory.Delete(keyDirectory, recursive: true);
    }
}
