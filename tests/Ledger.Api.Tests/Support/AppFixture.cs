using Ledger.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Wolverine;

namespace Ledger.Api.Tests.Support;

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "ledger";
}

/// <summary>
/// The service under test against the real PostgreSQL named by <c>ConnectionStrings__Ledger</c>. Every test class
/// starts from an empty ledger: the ledger's tables are truncated and a fresh host is started, because the
/// service keeps its catch-up cache (<c>LedgerLog</c>, a singleton) in memory and has no way to reset it.
/// A host starts in well under a second once the first one has compiled Wolverine's handlers.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, object> kept = new();
    private IAlbaHost? host;
    private Type? preparedFor;
    private Exception? arrangeFailure;

    public IAlbaHost Host => host ?? throw new InvalidOperationException("no test class has prepared the ledger yet");

    public LedgerDatabase Database { get; } = new(ConnectionString);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Ledger")
        ?? throw new InvalidOperationException(
            "Set ConnectionStrings__Ledger to a PostgreSQL database the tests may empty (ops/test does this).");

    /// <summary>Once per test class: empty ledger, fresh host, then the class's given state.</summary>
    public async Task PrepareFor(Type testClass, Func<Task> arrange)
    {
        if (preparedFor == testClass)
        {
            if (arrangeFailure is not null)
                throw new InvalidOperationException($"the given state of {testClass.Name} could not be recorded", arrangeFailure);
            return;
        }

        preparedFor = null;
        arrangeFailure = null;
        kept.Clear();
        if (host is not null)
            await host.DisposeAsync();
        host = null;
        await Database.Reset();
        host = await StartHost();
        host.BeforeEach(http => http.Request.Headers.Authorization = $"Bearer {Token()}");
        preparedFor = testClass;
        try
        {
            await arrange();
        }
        catch (Exception e)
        {
            arrangeFailure = e;
            throw;
        }
    }

    /// <summary>Keeps a value from a class's given state for its facts (each fact runs on a new class instance).</summary>
    public void Keep(string name, object value) => kept[name] = value;

    public T Kept<T>(string name) => (T)kept[name];

    /// <summary>
    /// These tests are about the ledger's rules, not its roles (tests/Ledger.Security.Tests has those): every request
    /// carries a token with every role, signed by a key made for this run, and the rate limiter is off.
    /// </summary>
    private static readonly string KeyFile = Path.Combine(Path.GetTempPath(), $"ledger-api-tests-{Guid.NewGuid():N}", "key.pem");

    private static readonly Lazy<ECDsaSecurityKey> Key = new(() => LocalTokens.LoadOrCreate(KeyFile));

    private static string Token() =>
        LocalTokens.Mint(Key.Value, "directive-ledger-local", "directive-ledger", "api-tests", Roles.All,
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));

    /// <summary>A host of the service as the tests configure it, on the ledger as it stands (the class's own host keeps running).</summary>
    public static async Task<IAlbaHost> StartHost()
    {
        await TestRoles.ApplyOnce(LedgerDatabase.Schema);
        return await AlbaHost.For<Program>(ConfigureHost);
    }

    private static void ConfigureHost(IWebHostBuilder web)
    {
        web.UseSetting("Ledger:Auth:SigningKeyFile", KeyFile);
        web.UseSetting("Ledger:RateLimit:Enabled", "false");
        web.UseSetting("Ledger:Demo", "false");
        web.UseSetting("Ledger:Schema", LedgerDatabase.Schema);
        web.UseSetting("Logging:LogLevel:Default", "Warning");
        web.ConfigureServices(services =>
        {
            services.RunWolverineInSoloMode();
            services.DisableAllExternalWolverineTransports();
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (host is not null)
            await host.DisposeAsync();
        if (Directory.Exists(Path.GetDirectoryName(KeyFile)))
            Directory.Delete(Path.GetDirectoryName(KeyFile)!, recursive: true);
    }
}

/// <summary>Base of every test class: the shared fixture, and a given state recorded once per class.</summary>
[Collection(LedgerCollection.Name)]
public abstract class IntegrationContext(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App => app;

    protected IAlbaHost Host => app.Host;

    /// <summary>The given state of the class, recorded through the public API once, after the ledger is emptied.</summary>
    protected virtual Task Given() => Task.CompletedTask;

    public Task InitializeAsync() => app.PrepareFor(GetType(), Given);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a write that must be refused and checks that the ledger's event table did not grow.</summary>
    protected async Task<Reply> Refused(Func<Task<Reply>> write)
    {
        var before = await app.Database.EventCount();
        var reply = await write();
        (await app.Database.EventCount()).ShouldBe(before, $"a refused write appended events; the answer was {reply}");
        return reply;
    }
}
