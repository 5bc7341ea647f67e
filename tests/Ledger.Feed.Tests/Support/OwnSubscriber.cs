using System.Text.Json.Nodes;
using Ledger.Api.Security;

namespace Ledger.Feed.Tests.Support;

/// <summary>
/// A subscriber of one test's own: a fresh subject (so per-subject limits and ownership start from nothing), its
/// client, and a webhook receiver; disposing it removes every subscription the subject holds and stops the receiver.
/// </summary>
public sealed class OwnSubscriber : IAsyncDisposable
{
    public OwnSubscriber(LedgerApp app, string name, int port)
    {
        Subject = Tokens.Subject(name);
        Client = app.Client(Subject, Roles.Subscriber);
        Receiver = new WebhookReceiver(port);
    }

    public string Subject { get; }

    public HttpClient Client { get; }

    public WebhookReceiver Receiver { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in JsonNode.Parse(await Client.GetStringAsync("/api/subscriptions"))!.AsArray())
            await Client.DeleteAsync($"/api/subscriptions/{subscription!["subscriptionId"]}");
        await Receiver.DisposeAsync();
    }
}
