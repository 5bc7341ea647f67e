using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Feed.Delivering.Webhooks;
using Ledger.Api.Security;
using Ledger.Feed.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Feed.Tests.Subscriptions;

/// <summary>
/// Issue 14, item 3: a subscriber cannot make the service POST into its own network. The shared host may deliver to
/// loopback only (its <see cref="LoopbackWebhooks"/> settings); every other internal address is refused at
/// registration and again when connecting, failures show as categories, and a subject's subscriptions and replays are capped.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_a_webhook_is_aimed_inward(LedgerApp app) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly Given _given = new(app.Writer);
    private readonly OwnSubscriber _own = new(app, "inward", Ports.HardeningWebhookReceiver);

    private WebhookReceiver Receiver => _own.Receiver;

    public Task InitializeAsync() => Receiver.Start();

    public async Task DisposeAsync() => await _own.DisposeAsync();

    private Task<HttpResponseMessage> Register(string url, string[]? types = null, long? after = null, string? id = null, string? secret = null) =>
        _own.Client.PostAsJsonAsync("/api/subscriptions", new
        {
            subscriptionId = id, url, eventTypes = types ?? ["test.never"], secret = secret ?? WebhookReceiver.NewSecret(), after,
        });

    /// <summary>Registers the receiver's hook <paramref name="name"/> under that id, with the secret the receiver verifies.</summary>
    private async Task RegisterHook(string name, string[] types, long after)
    {
        var secret = WebhookReceiver.NewSecret();
        using var response = await Register(Receiver.Hook(name, secret), types, after, name, secret);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://10.0.0.1/hook", "webhook-address-not-allowed")]
    [InlineData("https://172.16.5.4/hook", "webhook-address-not-allowed")]
    [InlineData("https://192.168.1.1/hook", "webhook-address-not-allowed")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "webhook-address-not-allowed")]
    [InlineData("https://100.64.0.1/hook", "webhook-address-not-allowed")]
    [InlineData("https://224.0.0.1/hook", "webhook-address-not-allowed")]
    [InlineData("https://0.0.0.0/hook", "webhook-address-not-allowed")]
    [InlineData("https://[::]/hook", "webhook-address-not-allowed")]
    [InlineData("https://[fd00::1]/hook", "webhook-address-not-allowed")]
    [InlineData("https://[fe80::1]/hook", "webhook-address-not-allowed")]
    [InlineData("https://[ff02::1]/hook", "webhook-address-not-allowed")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "webhook-address-not-allowed")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "webhook-address-not-allowed")]
    [InlineData("http://user:password@127.0.0.1:29495/hooks/x", "webhook-userinfo-not-allowed")]
    [InlineData("ftp://example.com/hook", "webhook-scheme-not-allowed")]
    [InlineData("file:///etc/passwd", "webhook-scheme-not-allowed")]
    public async Task an_internal_target_is_refused_at_registration_and_nothing_is_stored(string url, string rule)
    {
        using var response = await Register(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        (problem["rule"]!.GetValue<string>(), problem["field"]!.GetValue<string>()).ShouldBe((rule, "url"));
        JsonNode.Parse(await _own.Client.GetStringAsync("/api/subscriptions"))!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task by_default_only_https_to_public_addresses_is_allowed_and_allowed_networks_open_a_range()
    {
        var strict = new WebhookDestinations(new WebhookOptions());
        async Task<string?> Rule(WebhookDestinations destinations, string url) => (await destinations.Check(new Uri(url), CancellationToken.None))?.Rule;

        (await Rule(strict, "https://93.184.215.14/hook")).ShouldBeNull();
        (await Rule(strict, "http://93.184.215.14/hook")).ShouldBe("webhook-scheme-not-allowed");
        (await Rule(strict, "https://127.0.0.1/hook")).ShouldBe("webhook-address-not-allowed");
        (await Rule(strict, "https://[::1]/hook")).ShouldBe("webhook-address-not-allowed");
        (await Rule(strict, "https://[::ffff:127.0.0.1]/hook")).ShouldBe("webhook-address-not-allowed");
        (await Rule(strict, "https://localhost/hook")).ShouldBe("webhook-address-not-allowed", "a name is judged by every address it resolves to");

        var inside = new WebhookDestinations(new WebhookOptions { AllowedNetworks = ["10.20.0.0/16"] });
        (await Rule(inside, "https://10.20.3.4/hook")).ShouldBeNull();
        (await Rule(inside, "https://[::ffff:10.20.3.4]/hook")).ShouldBeNull();
        (await Rule(inside, "https://10.21.3.4/hook")).ShouldBe("webhook-address-not-allowed");
    }

    [Fact]
    public async Task a_delivery_connects_only_to_an_address_it_has_checked_and_follows_no_redirect()
    {
        var hook = Receiver.Hook(_given.Id("direct"), WebhookReceiver.NewSecret()).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        using var strict = new HttpClient(WebhookConnections.Handler(new WebhookDestinations(new WebhookOptions { AllowHttp = true })));
        var refused = await Should.ThrowAsync<HttpRequestException>(() => strict.PostAsync(hook, new StringContent("{}")));
        DeliveryFailure.Of(refused).ShouldBe(DeliveryFailure.AddressNotAllowed);
        Receiver.All.ShouldBeEmpty("the check happens before the connection, whatever the name resolved to at registration");

        var target = _given.Id("target");
        Receiver.RedirectTo(_given.Id("direct"), Receiver.Hook(target, WebhookReceiver.NewSecret()));
        using var loopback = new HttpClient(WebhookConnections.Handler(new WebhookDestinations(new WebhookOptions
        {
            AllowHttp = true, AllowedNetworks = ["127.0.0.0/8", "::1/128"],
        })));
        using var answer = await loopback.PostAsync(hook, new StringContent("{}"));
        answer.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        Receiver.Of(target).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_subscription_whose_target_turned_inward_is_refused_at_delivery_and_its_log_shows_only_categories()
    {
        var start = await _given.Model(_given.Id("model"));
        var inward = _given.Id("inward");
        await SubscriptionRows.Insert(inward, "http://10.255.255.1:9/hook", ["ledger.model-registered.v1"], WebhookReceiver.NewSecret(), _own.Subject, start);

        var status = _given.Id("status");
        Receiver.FailWith(status, 503);
        await RegisterHook(status, ["ledger.model-registered.v1"], start);
        var redirect = _given.Id("redirect");
        var elsewhere = _given.Id("elsewhere");
        Receiver.RedirectTo(redirect, Receiver.Hook(elsewhere, WebhookReceiver.NewSecret()));
        await RegisterHook(redirect, ["ledger.model-registered.v1"], start);
        var closed = _given.Id("closed");
        (await Register($"http://127.0.0.1:{Ports.Closed}/hook", ["ledger.model-registered.v1"], start, closed)).StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Host.Services.GetRequiredService<SubscriptionSignal>().Pulse();

        await _given.Model(_given.Id("trigger"));
        var expected = new Dictionary<string, (string Failure, int? Status)>
        {
            [inward] = (DeliveryFailure.AddressNotAllowed, null),
            [status] = (DeliveryFailure.HttpStatus, 503),
            [redirect] = (DeliveryFailure.Redirect, 307),
            [closed] = (DeliveryFailure.Refused, null),
        };
        foreach (var (subscription, (failure, code)) in expected)
        {
            var path = $"/api/subscriptions/{subscription}/dead-letters";
            var dead = await Eventually.Deliveries(_own.Client, path, log => log.Count == 1, Deadline);
            (dead[0]!["lastFailure"]!.GetValue<string>(), dead[0]!["lastStatusCode"]?.GetValue<int>()).ShouldBe((failure, code), subscription);
            var everything = await _own.Client.GetStringAsync($"/api/subscriptions/{subscription}/deliveries");
            everything.ShouldNotContain("10.255.255.1");
            everything.ShouldNotContain("127.0.0.1");
            everything.ShouldNotContain("Connection refused", Case.Insensitive);
        }

        Receiver.Of(elsewhere).ShouldBeEmpty("a redirect is not followed");
    }

    [Fact]
    public async Task a_subject_holds_at_most_ten_subscriptions()
    {
        for (var i = 0; i < 10; i++)
        {
            using var added = await Register(Receiver.Hook(_given.Id($"cap{i}"), WebhookReceiver.NewSecret()));
            added.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var refused = await Register(Receiver.Hook(_given.Id("cap10"), WebhookReceiver.NewSecret()));
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["rule"]!.GetValue<string>().ShouldBe("subscription-limit");

        var someoneElse = app.Client(Tokens.Subject("other"), Roles.Subscriber);
        using var other = await someoneElse.PostAsJsonAsync("/api/subscriptions", new
        {
            url = Receiver.Hook(_given.Id("theirs"), WebhookReceiver.NewSecret()), eventTypes = new[] { "test.never" }, secret = WebhookReceiver.NewSecret(),
        });
        other.StatusCode.ShouldBe(HttpStatusCode.Created, "the cap is per subject");
        await someoneElse.DeleteAsync(other.Headers.Location);
    }

    [Fact]
    public async Task a_subject_has_one_replay_in_flight_at_a_time()
    {
        var start = await _given.Model(_given.Id("model"));
        var slow = _given.Id("slow");
        Receiver.FailWith(slow, 503);
        await RegisterHook(slow, ["*"], start);
        var second = _given.Id("second");
        await RegisterHook(second, ["*"], start);

        using (var first = await _own.Client.PostAsJsonAsync($"/api/subscriptions/{slow}/replay", new { fromPosition = 1 }))
            first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using (var again = await _own.Client.PostAsJsonAsync($"/api/subscriptions/{slow}/replay", new { fromPosition = 1 }))
            again.StatusCode.ShouldBe(HttpStatusCode.Accepted, "replaying the same subscription restarts its replay");
        using var refused = await _own.Client.PostAsJsonAsync($"/api/subscriptions/{second}/replay", new { fromPosition = 1 });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["rule"]!.GetValue<string>().ShouldBe("replay-limit");

        (await _own.Client.DeleteAsync($"/api/subscriptions/{slow}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var now = await _own.Client.PostAsJsonAsync($"/api/subscriptions/{second}/replay", new { fromPosition = 1 });
        now.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }
}
