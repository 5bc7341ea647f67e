using Alba;
using Ledger.Api.Ledger;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Feed.Tests.Support;

/// <summary>
/// The real service against the PostgreSQL named by <c>ConnectionStrings__Ledger</c>, shared by every test class.
/// Tests never reset the ledger (it is append-only, and the feed's proof of final positions lives in the process):
/// each test uses ids of its own and reads the feed after the head it found when it started.
/// </summary>
public sealed class LedgerApp : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Ledger:Feed:Heartbeat", "00:00:00.500");
            web.UseSetting("Ledger:Webhooks:FirstRetry", "00:00:00.050");
            web.UseSetting("Ledger:Webhooks:MaxRetry", "00:00:00.200");
            web.UseSetting("Ledger:Webhooks:MaxAttempts", "4");
            web.ConfigureServices(services => services.AddSingleton<IRecordingStep, BurningStep>());
        });
        Client = Host.Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerApp>
{
    public const string Name = "ledger";
}
