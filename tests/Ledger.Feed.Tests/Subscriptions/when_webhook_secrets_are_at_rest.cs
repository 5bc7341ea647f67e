using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Feed.Delivering.Webhooks;
using Ledger.Api.Security;
using Ledger.Feed.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Feed.Tests.Subscriptions;

/// <summary>
/// Issue 14, item 5: a dump of the database does not give away webhook secrets (they are sealed under a key kept in a
/// file), rows stored in clear by an older service are sealed and keep delivering, and an auditor reading every
/// subscription does not see the credentials receivers put in their URLs.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_webhook_secrets_are_at_rest(LedgerApp app) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly Given _given = new(app.Writer);
    private readonly OwnSubscriber _own = new(app, "secrets", Ports.HardeningWebhookReceiver);

    private WebhookReceiver Receiver => _own.Receiver;

    public Task InitializeAsync() => Receiver.Start();

    public async Task DisposeAsync() => await _own.DisposeAsync();

    private async Task ReceivesVerified(string hook)
    {
        var position = await _given.Model(_given.Id("trigger"));
        await Receiver.WaitFor(hook, r => r.Any(x => x.MessageId == $"msg_{position}_0"), Deadline);
        Receiver.Of(hook).ShouldAllBe(r => r.Verified, "the service signs with the secret the subscriber registered");
    }

    [Fact]
    public async Task a_registered_secret_is_stored_sealed_and_deliveries_are_still_signed_with_it()
    {
        var start = await _given.Model(_given.Id("model"));
        var hook = _given.Id("sealed");
        var secret = WebhookReceiver.NewSecret();
        using (var response = await _own.Client.PostAsJsonAsync("/api/subscriptions", new
               {
                   subscriptionId = hook, url = Receiver.Hook(hook, secret), eventTypes = new[] { "ledger.model-registered.v1" }, secret, after = start,
               }))
            response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var stored = await SubscriptionRows.StoredSecret(hook);
        stored.ShouldStartWith("v1.");
        stored.ShouldNotContain(secret["whsec_".Length..]);
        await ReceivesVerified(hook);

        var keyFile = LoopbackWebhooks.ServiceSettings["Ledger:Webhooks:SecretKeyFile"];
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task a_secret_an_older_service_stored_in_clear_is_sealed_by_the_service_and_still_signs()
    {
        var start = await _given.Model(_given.Id("model"));
        var hook = _given.Id("legacy");
        var secret = WebhookReceiver.NewSecret();
        await SubscriptionRows.Insert(hook, Receiver.Hook(hook, secret), ["ledger.model-registered.v1"], secret, _own.Subject, start);
        app.Host.Services.GetRequiredService<SubscriptionSignal>().Pulse();

        await Eventually.Until(() => SubscriptionRows.StoredSecret(hook), stored => stored.StartsWith("v1.", StringComparison.Ordinal), Deadline, "the sealing of a clear secret");
        await ReceivesVerified(hook);
    }

    [Fact]
    public async Task an_auditor_sees_subscriber_urls_without_userinfo_query_or_fragment_and_the_owner_sees_its_own_whole()
    {
        var start = await _given.Model(_given.Id("model"));
        var legacy = _given.Id("userinfo");
        await SubscriptionRows.Insert(legacy, $"http://alice:hunter2@127.0.0.1:{Ports.HardeningWebhookReceiver}/hooks/{legacy}?token=s3cret#frag",
            ["test.never"], WebhookReceiver.NewSecret(), _own.Subject, start);
        var registered = _given.Id("query");
        using (var response = await _own.Client.PostAsJsonAsync("/api/subscriptions", new
               {
                   subscriptionId = registered, url = $"http://127.0.0.1:{Ports.HardeningWebhookReceiver}/hooks/{registered}?token=s3cret",
                   eventTypes = new[] { "test.never" }, secret = WebhookReceiver.NewSecret(),
               }))
            response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var auditor = app.Client(Tokens.Subject("auditor"), Roles.Auditor);
        var all = JsonNode.Parse(await auditor.GetStringAsync("/api/subscriptions"))!.AsArray();
        string UrlOf(JsonArray list, string id) => list.Single(s => s!["subscriptionId"]!.GetValue<string>() == id)!["url"]!.GetValue<string>();
        UrlOf(all, legacy).ShouldBe($"http://127.0.0.1:{Ports.HardeningWebhookReceiver}/hooks/{legacy}");
        UrlOf(all, registered).ShouldBe($"http://127.0.0.1:{Ports.HardeningWebhookReceiver}/hooks/{registered}");
        JsonNode.Parse(await auditor.GetStringAsync($"/api/subscriptions/{legacy}"))!["url"]!.GetValue<string>().ShouldNotContain("hunter2");

        var own = JsonNode.Parse(await _own.Client.GetStringAsync("/api/subscriptions"))!.AsArray();
        UrlOf(own, registered).ShouldEndWith("?token=s3cret");
    }
}
