using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Security;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Subscriptions;

/// <summary>
/// Issue 6: a subscriber "manages its own webhooks only". Two subscribers each register one; each sees and changes
/// only its own, and the other's id answers 404 exactly as an unknown id does, so ids do not leak. An auditor reads
/// every subscription but changes none, and even with the subscriber role it changes only its own.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_subscribers_own_their_subscriptions(LedgerApp app) : IAsyncLifetime
{
    /// <summary>A type the ledger never emits: these subscriptions exist to be owned, not to receive deliveries.</summary>
    private static readonly string[] NoEvents = ["ledger.never-emitted.v1"];

    private readonly Given _given = new(app.Writer);
    private readonly string _aliceSubject = Tokens.Subject("alice");
    private readonly string _bobSubject = Tokens.Subject("bob");
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;
    private HttpClient _auditor = null!;
    private string _aliceHook = null!;
    private string _bobHook = null!;

    public async Task InitializeAsync()
    {
        _alice = app.Client(_aliceSubject, Roles.Subscriber);
        _bob = app.Client(_bobSubject, Roles.Subscriber);
        _auditor = app.Client(Tokens.Subject("auditor"), Roles.Auditor);
        _aliceHook = await Register(_alice, _given.Id("alice-hook"));
        _bobHook = await Register(_bob, _given.Id("bob-hook"));
    }

    public async Task DisposeAsync()
    {
        (await _alice.DeleteAsync($"/api/subscriptions/{_aliceHook}")).Dispose();
        (await _bob.DeleteAsync($"/api/subscriptions/{_bobHook}")).Dispose();
    }

    private static async Task<string> Register(HttpClient client, string id)
    {
        using var response = await client.PostAsJsonAsync("/api/subscriptions", new
        {
            subscriptionId = id, url = $"http://127.0.0.1:{Ports.WebhookReceiver}/hooks/{id}", eventTypes = NoEvents, secret = WebhookReceiver.NewSecret(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> Call(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task<List<string>> Listed(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/api/subscriptions"))!.AsArray().Select(s => s!["subscriptionId"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task the_owner_is_the_token_subject()
    {
        var (status, view) = await Call(_alice, HttpMethod.Get, $"/api/subscriptions/{_aliceHook}");

        status.ShouldBe(HttpStatusCode.OK);
        view!["owner"]!.GetValue<string>().ShouldBe(_aliceSubject);
        view.AsObject().ContainsKey("secret").ShouldBeFalse();
    }

    [Fact]
    public async Task the_body_cannot_name_an_owner()
    {
        var (status, problem) = await Call(_alice, HttpMethod.Post, "/api/subscriptions", new
        {
            url = $"http://127.0.0.1:{Ports.WebhookReceiver}/hooks/x", eventTypes = NoEvents, secret = WebhookReceiver.NewSecret(), owner = _bobSubject,
        });

        status.ShouldBe(HttpStatusCode.BadRequest, problem?.ToJsonString());
        (await Listed(_bob)).ShouldBe([_bobHook]);
    }

    [Fact]
    public async Task each_subscriber_lists_only_its_own()
    {
        (await Listed(_alice)).ShouldBe([_aliceHook]);
        (await Listed(_bob)).ShouldBe([_bobHook]);
    }

    [Fact]
    public async Task another_subscribers_subscription_is_not_found_exactly_like_a_missing_one()
    {
        var missing = _given.Id("missing");
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "", null),
                     (HttpMethod.Get, "/deliveries", null),
                     (HttpMethod.Get, "/dead-letters", null),
                     (HttpMethod.Post, "/replay", new { fromPosition = 1 }),
                     (HttpMethod.Delete, "", null),
                 })
        {
            var (status, problem) = await Call(_bob, method, $"/api/subscriptions/{_aliceHook}{path}", body);
            var (missingStatus, missingProblem) = await Call(_bob, method, $"/api/subscriptions/{missing}{path}", body);

            status.ShouldBe(HttpStatusCode.NotFound, $"{method} …{path}: {problem?.ToJsonString()}");
            missingStatus.ShouldBe(HttpStatusCode.NotFound);
            problem!["type"]!.GetValue<string>().ShouldBe(missingProblem!["type"]!.GetValue<string>());
            problem["detail"]!.GetValue<string>().ShouldBe(missingProblem["detail"]!.GetValue<string>().Replace(missing, _aliceHook));
        }

        var (after, view) = await Call(_alice, HttpMethod.Get, $"/api/subscriptions/{_aliceHook}");
        after.ShouldBe(HttpStatusCode.OK, "bob's delete and replay must not have touched alice's subscription");
        view!["deliveredThrough"]!["index"]!.GetValue<int>().ShouldBe(int.MaxValue, "bob's replay must not have rewound it");
    }

    [Fact]
    public async Task the_owner_replays_and_removes_its_own()
    {
        var extra = await Register(_bob, _given.Id("bob-extra"));
        var position = await _given.Model(_given.Id("model"));

        var (replayed, view) = await Call(_bob, HttpMethod.Post, $"/api/subscriptions/{extra}/replay", new { fromPosition = position });
        replayed.ShouldBe(HttpStatusCode.Accepted, view?.ToJsonString());
        view!["deliveredThrough"]!["position"]!.GetValue<long>().ShouldBe(position - 1);

        (await Call(_bob, HttpMethod.Delete, $"/api/subscriptions/{extra}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await Listed(_bob)).ShouldBe([_bobHook]);
    }

    [Fact]
    public async Task an_auditor_reads_every_subscription_with_its_owner()
    {
        var all = JsonNode.Parse(await _auditor.GetStringAsync("/api/subscriptions"))!.AsArray();
        var owners = all.ToDictionary(s => s!["subscriptionId"]!.GetValue<string>(), s => s!["owner"]?.GetValue<string>());

        owners[_aliceHook].ShouldBe(_aliceSubject);
        owners[_bobHook].ShouldBe(_bobSubject);
        foreach (var path in new[] { "", "/deliveries", "/dead-letters" })
            (await Call(_auditor, HttpMethod.Get, $"/api/subscriptions/{_aliceHook}{path}")).Status.ShouldBe(HttpStatusCode.OK, path);
    }

    [Fact]
    public async Task an_auditor_changes_nothing_and_with_the_subscriber_role_only_its_own()
    {
        (await Call(_auditor, HttpMethod.Delete, $"/api/subscriptions/{_aliceHook}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Call(_auditor, HttpMethod.Post, $"/api/subscriptions/{_aliceHook}/replay", new { fromPosition = 1 })).Status.ShouldBe(HttpStatusCode.Forbidden);

        var both = app.Client(Tokens.Subject("carol"), Roles.Auditor, Roles.Subscriber);
        (await Listed(both)).ShouldContain(_aliceHook);
        (await Call(both, HttpMethod.Post, $"/api/subscriptions/{_aliceHook}/replay", new { fromPosition = 1 })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Call(both, HttpMethod.Delete, $"/api/subscriptions/{_aliceHook}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Call(_alice, HttpMethod.Get, $"/api/subscriptions/{_aliceHook}")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
