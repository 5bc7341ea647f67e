using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Feed.Envelopes;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Subscriptions;

[Collection(LedgerCollection.Name)]
public sealed class when_a_webhook_subscriber_receives_the_feed(LedgerApp app) : IAsyncLifetime
{
    private readonly Given _given = new(app.Writer);
    private readonly WebhookReceiver _receiver = new(Ports.WebhookReceiver);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public Task InitializeAsync() => _receiver.Start();

    private readonly List<string> _subscriptions = [];

    public async Task DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
            await app.Subscriber.DeleteAsync($"/api/subscriptions/{subscription}");
        await _receiver.DisposeAsync();
    }

    private async Task<string> Subscribe(string hook, string[] types, long after, string? secret = null)
    {
        var id = hook;
        _subscriptions.Add(id);
        using var response = await app.Subscriber.PostAsJsonAsync("/api/subscriptions", new
        {
            subscriptionId = id, url = _receiver.Hook(hook, secret ?? WebhookReceiver.NewSecret()), eventTypes = types, secret = secret ?? _lastSecret, after,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    private string? _lastSecret;
    private string AllHook => _given.Id("all");
    private string FlakyHook => _given.Id("flaky");

    private string Secret() => _lastSecret = WebhookReceiver.NewSecret();

    [Fact]
    public async Task deliveries_are_signed_per_standard_webhooks_and_arrive_in_feed_order()
    {
        var model = _given.Id("model");
        var start = await _given.Model(model);
        var secret = Secret();
        await Subscribe(AllHook, ["*"], start, secret);

        await _given.Organization(_given.Id("org"));
        var last = await _given.Suspension(_given.Id("S"), model, Given.In(TimeSpan.FromHours(1)));

        await _receiver.WaitFor(AllHook, r => r.Any(x => x.Event is { } e && FeedClient.Position(e) == last && FeedClient.Index(e) > 0), Deadline);
        var received = _receiver.Of(AllHook);
        received.ShouldAllBe(r => r.Verified);
        var order = received.Select(r => (FeedClient.Position(r.Event!), FeedClient.Index(r.Event!))).ToList();
        order.ShouldBeInOrder();
        order.Distinct().Count().ShouldBe(order.Count);
        order.First().Item1.ShouldBeGreaterThan(start);
        received.Select(r => r.MessageId).ShouldBe(order.Select(o => $"msg_{o.Item1}_{o.Item2}"));
        received.ShouldContain(r => r.Event!.Type == FeedEnvelopes.AccessChangedType);
    }

    [Fact]
    public async Task a_filtered_subscription_receives_only_its_cells_and_the_positions_that_changed_them()
    {
        var (mine, other) = (_given.Id("mine"), _given.Id("other"));
        var start = await _given.Model(mine);
        await _given.Model(other);
        var hook = _given.Id("filtered");
        _subscriptions.Add(hook);
        using (var unknown = await app.Subscriber.PostAsJsonAsync("/api/subscriptions", new
               {
                   subscriptionId = hook, url = _receiver.Hook(hook, Secret()), eventTypes = new[] { "*" }, secret = _lastSecret, after = start,
                   modelIds = new[] { "no-such-model" },
               }))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["field"]!.GetValue<string>().ShouldBe("modelIds");
        }

        using (var response = await app.Subscriber.PostAsJsonAsync("/api/subscriptions", new
               {
                   subscriptionId = hook, url = _receiver.Hook(hook, _lastSecret!), eventTypes = new[] { "*" }, secret = _lastSecret, after = start,
                   modelIds = new[] { mine },
               }))
        {
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
            JsonNode.Parse(text)!["modelIds"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe([mine]);
        }

        var skipped = await _given.Suspension(_given.Id("S-other"), other, Given.In(TimeSpan.FromHours(-1)));
        var last = await _given.Suspension(_given.Id("S-mine"), mine, Given.In(TimeSpan.FromHours(1)));

        await _receiver.WaitFor(hook, r => r.Any(x => x.Event is { } e && FeedClient.Position(e) == last && FeedClient.Index(e) > 0), Deadline);
        var received = _receiver.Of(hook);
        received.ShouldNotContain(r => FeedClient.Position(r.Event!) == skipped || FeedClient.Position(r.Event!) == start + 1);
        received.Where(r => FeedClient.Index(r.Event!) > 0).ShouldAllBe(r => FeedClient.Data(r.Event!).GetProperty("modelId").GetString() == mine);
        received.Select(r => (FeedClient.Position(r.Event!), FeedClient.Index(r.Event!))).ShouldBeInOrder();
    }

    [Fact]
    public async Task a_failing_receiver_is_retried_with_growing_waits_then_dead_lettered_and_can_be_replayed()
    {
        var model = _given.Id("model");
        var start = await _given.Model(model);
        _receiver.FailWith(FlakyHook, 503);
        var subscription = await Subscribe(FlakyHook, ["ledger.model-registered.v1"], start, Secret());

        var failing = _given.Id("failing");
        var position = await _given.Model(failing);
        await _receiver.WaitFor(FlakyHook, r => r.Count >= 4, Deadline);

        var attempts = _receiver.Of(FlakyHook);
        attempts.ShouldAllBe(r => r.MessageId == $"msg_{position}_0" && r.Verified);
        var waits = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
        waits[0].ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45));
        waits[1].ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(95));
        waits[2].ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));

        var deadLetters = await WaitForApi(subscription, "dead-letters", log => log.Count == 1);
        deadLetters[0]!["position"]!.GetValue<long>().ShouldBe(position);
        deadLetters[0]!["attempts"]!.GetValue<int>().ShouldBe(4);
        deadLetters[0]!["lastStatusCode"]!.GetValue<int>().ShouldBe(503);

        _receiver.Succeed(FlakyHook);
        var next = await _given.Model(_given.Id("next"));
        await _receiver.WaitFor(FlakyHook, r => r.Any(x => x.AnsweredWith == 204 && x.MessageId == $"msg_{next}_0"), Deadline);

        using var replay = await app.Subscriber.PostAsJsonAsync($"/api/subscriptions/{subscription}/replay", new { fromPosition = position });
        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _receiver.WaitFor(FlakyHook, r => r.Count(x => x.AnsweredWith == 204 && x.MessageId == $"msg_{position}_0") == 1
                                              && r.Count(x => x.AnsweredWith == 204 && x.MessageId == $"msg_{next}_0") == 2, Deadline);
        var delivered = await WaitForApi(subscription, "deliveries?status=delivered", log => log.Count == 2);
        delivered.Select(d => d!["position"]!.GetValue<long>()).ShouldBe([position, next]);
    }

    [Fact]
    public async Task bad_registrations_are_problems_not_errors()
    {
        async Task<JsonNode> Refused(object body, int status)
        {
            using var response = await app.Subscriber.PostAsJsonAsync("/api/subscriptions", body);
            ((int)response.StatusCode).ShouldBe(status);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        var good = new { url = $"{_receiver.BaseUrl}/hooks/x", eventTypes = new[] { "*" }, secret = WebhookReceiver.NewSecret() };
        (await Refused(good with { secret = "not-a-secret" }, 400))["field"]!.GetValue<string>().ShouldBe("secret");
        (await Refused(good with { url = "ftp://example" }, 400))["field"]!.GetValue<string>().ShouldBe("url");
        (await Refused(good with { eventTypes = Array.Empty<string>() }, 400))["field"]!.GetValue<string>().ShouldBe("eventTypes");
        await Refused(new { good.url, good.eventTypes, good.secret, colour = "red" }, 400);
        await Refused(new { good.url, good.eventTypes, good.secret, after = long.MaxValue }, 400);

        var id = _given.Id("dup");
        using (var first = await app.Subscriber.PostAsJsonAsync("/api/subscriptions", new { good.url, good.eventTypes, good.secret, subscriptionId = id }))
            first.StatusCode.ShouldBe(HttpStatusCode.Created);
        await Refused(new { good.url, good.eventTypes, good.secret, subscriptionId = id }, 409);
        (await app.Subscriber.GetAsync("/api/subscriptions/nope-" + id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Subscriber.PostAsJsonAsync($"/api/subscriptions/{id}/replay", new { fromPosition = 0 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Subscriber.DeleteAsync($"/api/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.Subscriber.GetAsync($"/api/subscriptions/{id}/deliveries")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Polls the service's own API with a deadline: the delivery log is written by a background worker.</summary>
    private async Task<JsonArray> WaitForApi(string subscription, string path, Func<JsonArray, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            var log = JsonNode.Parse(await app.Subscriber.GetStringAsync($"/api/subscriptions/{subscription}/{path}"))!["deliveries"]!.AsArray();
            if (condition(log))
                return log;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"{path} of {subscription} never satisfied the test: {log.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
