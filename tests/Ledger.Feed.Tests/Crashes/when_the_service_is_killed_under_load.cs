using Xunit.Abstractions;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Crashes;

// Alone: its service writes under load with the ledger's one write lock, which the out-of-order writers of
// when_writers_commit_out_of_order hold shared; a writer queued between two of theirs stalls both for good.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crash";
}

/// <summary>
/// The service runs as its own process under a write load; it is killed with SIGKILL mid-load and started again.
/// Every write it acknowledged (201) must then be in the pull feed, reach the SSE consumer (which resumes with
/// Last-Event-ID, exactly once per position, in order) and reach the webhook receiver (at least once, in order once
/// duplicates are dropped by webhook-id). The process trusts the tests' key (<see cref="Tokens"/>), passed with the
/// rest of its settings in its environment; the writers hold operations tokens, the consumers subscriber tokens.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class when_the_service_is_killed_under_load(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Log(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F2}s {what}");

    private const int Port = Ports.CrashService;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly Uri Address = new($"http://127.0.0.1:{Port}");
    private readonly WebhookReceiver _receiver = new(Ports.CrashWebhookReceiver);
    private readonly HttpClient _writer = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) }
        .As(Tokens.WriterSubject, Roles.Operations);
    private readonly HttpClient _subscriber = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) }
        .As(Tokens.SubscriberSubject, Roles.Subscriber);
    private readonly Dictionary<string, string> _settings = new Dictionary<string, string>
    {
        ["Ledger__Webhooks__FirstRetry"] = "00:00:00.100",
        ["Ledger__Webhooks__MaxRetry"] = "00:00:00.500",
        ["Ledger__Webhooks__MaxAttempts"] = "1000",
        ["Logging__LogLevel__Default"] = "Warning",
    }.Concat(Tokens.ServiceSettings.Concat(LoopbackWebhooks.ServiceSettings)
            .Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)))
        .ToDictionary();

    public Task InitializeAsync() => _receiver.Start();

    public async Task DisposeAsync()
    {
        _writer.Dispose();
        _subscriber.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task no_acknowledged_event_is_lost_from_the_feed_the_stream_or_a_webhook()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await TestRoles.ApplyOnce(LedgerSchema.Default.Name);
        var service = await ServiceProcess.Start(Port, _settings, TimeSpan.FromSeconds(60));
        var given = new Given(_writer);
        var hook = given.Id("crash");
        try
        {
            var start = await given.Model(given.Id("start"));
            var secret = WebhookReceiver.NewSecret();
            using (var subscribed = await _subscriber.PostAsJsonAsync("/api/subscriptions", new
                   {
                       subscriptionId = hook, url = _receiver.Hook(hook, secret), eventTypes = new[] { "*" }, secret, after = start,
                   }))
                subscribed.EnsureSuccessStatusCode();

            var streamed = new Observed<long>();
            using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            var stream = Follow(start, streamed, stopFollowing.Token);

            var acknowledged = new Observed<long>();
            var load = Load(given, acknowledged, "before", deadline.Token);
            await acknowledged.WaitUntil(all => all.Count >= 30, deadline.Token);
            Log("killing");
            Volatile.Write(ref _up, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            service.Kill();
            await load;
            var beforeKill = acknowledged.Count;

            service.Dispose();
            Log("restarting");
            service = await ServiceProcess.Start(Port, _settings, TimeSpan.FromSeconds(60));
            _up.TrySetResult();
            await Load(given, acknowledged, "after", deadline.Token, count: 10);
            var expected = acknowledged.All.Order().ToList();
            var last = expected[^1];

            await streamed.WaitUntil(all => all.Contains(last), deadline.Token);
            Log("stream has all");
            var feed = (await new FeedClient(_subscriber).All(start)).ToList();
            var inFeed = feed.Select(FeedClient.Position).ToHashSet();
            expected.ShouldAllBe(p => inFeed.Contains(p));

            var received = streamed.All;
            received.ShouldBeInOrder(SortDirection.Ascending);
            received.Distinct().Count().ShouldBe(received.Count, "every position exactly once across the reconnects");
            expected.ShouldAllBe(p => received.Contains(p));

            var envelopes = feed.Where(e => expected.Contains(FeedClient.Position(e)))
                .Select(e => $"msg_{FeedClient.Position(e)}_{FeedClient.Index(e)}").ToHashSet();
            await _receiver.WaitFor(hook, got => envelopes.IsSubsetOf(got.Where(r => r.AnsweredWith == 204).Select(r => r.MessageId)), Deadline);
            Log("webhooks have all");
            var delivered = _receiver.Of(hook).Where(r => r.Verified).DistinctBy(r => r.MessageId)
                .Select(r => (FeedClient.Position(r.Event!), FeedClient.Index(r.Event!))).ToList();
            delivered.ShouldBeInOrder();

            beforeKill.ShouldBeGreaterThanOrEqualTo(30);
            await stopFollowing.CancelAsync();
            await stream;
        }
        finally
        {
            // Later runs must not keep delivering to this receiver's port; LedgerApp removes it if this cannot.
            await Unsubscribe(hook);
            service.Dispose();
        }
    }

    private async Task Unsubscribe(string hook)
    {
        try
        {
            (await _subscriber.DeleteAsync($"/api/subscriptions/{hook}")).Dispose();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Log($"could not remove subscription {hook}: {e.Message}");
        }
    }

    /// <summary>Three writers register organisations until the service stops answering, or <paramref name="count"/> each.</summary>
    private async Task Load(Given given, Observed<long> acknowledged, string phase, CancellationToken ct, int count = 1000)
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < count && !ct.IsCancellationRequested; i++)
            {
                try
                {
                    acknowledged.Add(await given.Organization(given.Id($"{phase}-{w}-{i}")));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    return;
                }
            }
        }, ct)));
    }

    /// <summary>Completed while the service is up; replaced by a pending one just before it is killed.</summary>
    private TaskCompletionSource _up = CompletedUp();

    private static TaskCompletionSource CompletedUp()
    {
        var up = new TaskCompletionSource();
        up.SetResult();
        return up;
    }

    /// <summary>An SSE consumer that reconnects (with Last-Event-ID) whenever the stream breaks, until cancelled.</summary>
    private async Task Follow(long after, Observed<long> streamed, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan }.As(Tokens.SubscriberSubject, Roles.Subscriber);
        var cursor = after;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in SseClient.Read(client, "/api/feed/stream", cursor, ct))
                {
                    if (message.Id is null)
                        continue;
                    cursor = long.Parse(message.Id);
                    streamed.Add(cursor);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // The stream broke because the service is down: reconnect once it is up again.
                try
                {
                    await Volatile.Read(ref _up).Task.WaitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
