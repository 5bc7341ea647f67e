using Alba;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Ledger.Api.Feed.Subscriptions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Feed.Tests.Support;

/// <summary>
/// The real service against the PostgreSQL named by <c>ConnectionStrings__Ledger</c>, shared by every test class.
/// Tests never reset the ledger (it is append-only, and the feed's proof of final positions lives in the process):
/// each test uses ids of its own and reads the feed after the head it found when it started.
/// The service trusts the tests' own key (<see cref="Tokens"/>) and its rate limiter is off; every client carries a
/// token with the roles its job needs.
/// </summary>
public sealed class LedgerApp : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>Records the given state (operations and compliance).</summary>
    public HttpClient Writer { get; private set; } = null!;

    /// <summary>Reads the feed and the stream and manages its own webhook subscriptions (subscriber).</summary>
    public HttpClient Subscriber { get; private set; } = null!;

    private readonly List<HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        await TestRoles.ApplyOnce(LedgerSchema.Default.Name);
        Host = await AlbaHost.For<Program>(web =>
        {
            Secure(web);
            foreach (var (key, value) in LoopbackWebhooks.ServiceSettings)
                web.UseSetting(key, value);
            web.UseSetting("Ledger:Feed:Heartbeat", "00:00:00.500");
            web.UseSetting("Ledger:Webhooks:FirstRetry", "00:00:00.050");
            web.UseSetting("Ledger:Webhooks:MaxRetry", "00:00:00.200");
            web.UseSetting("Ledger:Webhooks:MaxAttempts", "4");
            web.ConfigureServices(services => services.AddSingleton<IRecordingStep, BurningStep>());
        });
        Writer = Client(Tokens.WriterSubject, Tokens.WriterRoles);
        Subscriber = Client(Tokens.SubscriberSubject, Roles.Subscriber);
        await RemoveLeftoverSubscriptions();
    }

    /// <summary>
    /// Subscriptions an earlier run of these tests left behind (a test that failed half way, a killed run) point at
    /// loopback receivers that are gone; delivering to them would only fill the log and keep those ports busy.
    /// </summary>
    private static async Task RemoveLeftoverSubscriptions()
    {
        await using var dataSource = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger")!);
        var subscriptions = $"{LedgerSchema.Default.Name}.{SubscriptionSchema.Subscriptions}";
        await using var command = dataSource.CreateCommand(
            $"""
             with gone as (delete from {subscriptions} where owner like $1 returning owner, id)
             delete from {LedgerSchema.Default.Name}.{SubscriptionSchema.Deliveries} where (owner, subscription_id) in (select owner, id from gone)
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = Tokens.SubjectPrefix + "%" });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A client of the service whose every request carries a token for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public HttpClient Client(string subject, params string[] roles)
    {
        var client = Host.Server.CreateClient().As(subject, roles);
        lock (_clients)
            _clients.Add(client);
        return client;
    }

    /// <summary>Makes a host trust the tests' key, with the rate limiter off.</summary>
    public static void Secure(IWebHostBuilder web)
    {
        foreach (var (key, value) in Tokens.ServiceSettings)
            web.UseSetting(key, value);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerApp>
{
    public const string Name = "ledger";
}
