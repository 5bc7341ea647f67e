using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Security;
using Ledger.Feed.Tests.Support;
using Xunit.Abstractions;

namespace Ledger.Feed.Tests.Subscriptions;

/// <summary>
/// Issue 14, item 4: no crowd of subscribers exhausts the database. 200 webhook subscriptions (20 subjects, 10 each)
/// and 50 SSE streams (10 subjects, 5 each) follow the feed while the test writes and reads; the latency of a write
/// and of a matrix read is measured before and during, printed, and held to a generous bound, so the test says
/// "still answers as usual" on a busy 2-core machine without being flaky. Every subscriber still gets every event.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_hundreds_follow_the_feed(LedgerApp app, ITestOutputHelper output) : IAsyncLifetime
{
    private const int HookSubjects = 20;
    private const int HooksEach = 10;
    private const int StreamSubjects = 10;
    private const int StreamsEach = 5;
    private const int Samples = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly Given _given = new(app.Writer);
    private readonly WebhookReceiver _receiver = new(Ports.HardeningWebhookReceiver);
    private readonly List<(HttpClient Client, string Id)> _subscriptions = [];
    private readonly CancellationTokenSource _streams = new();

    public Task InitializeAsync() => _receiver.Start();

    public async Task DisposeAsync()
    {
        await _streams.CancelAsync();
        foreach (var (client, id) in _subscriptions)
            await client.DeleteAsync($"/api/subscriptions/{id}");
        await _receiver.DisposeAsync();
        _streams.Dispose();
    }

    private sealed record Latency(string What, double P50, double P99);

    /// <summary>p50 and p99 (nearest rank) in milliseconds of <see cref="Samples"/> writes and as many matrix reads, one at a time.</summary>
    private async Task<(Latency Write, Latency Read, long Last)> Measure(string phase, string model)
    {
        var writes = new List<double>();
        var reads = new List<double>();
        long last = 0;
        for (var i = 0; i < Samples; i++)
        {
            var clock = Stopwatch.StartNew();
            last = await _given.Model(_given.Id($"{phase}{i}"));
            writes.Add(clock.Elapsed.TotalMilliseconds);

            clock.Restart();
            using var read = await app.Writer.GetAsync($"/api/access-matrix?modelId={model}");
            read.StatusCode.ShouldBe(HttpStatusCode.OK);
            await read.Content.ReadAsStringAsync();
            reads.Add(clock.Elapsed.TotalMilliseconds);
        }

        static Latency Of(string what, List<double> samples)
        {
            var sorted = samples.Order().ToList();
            double Rank(double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
            return new Latency(what, Rank(0.50), Rank(0.99));
        }

        return (Of($"write {phase}", writes), Of($"matrix read {phase}", reads), last);
    }

    private void Report(Latency latency) => output.WriteLine($"{latency.What,-24} p50 {latency.P50,8:F1} ms   p99 {latency.P99,8:F1} ms");

    private static void ShouldKeepUp(Latency before, Latency during) =>
        during.P99.ShouldBeLessThanOrEqualTo(Math.Max(5 * before.P99, 1000),
            $"{during.What}: p99 {during.P99:F1} ms against {before.P99:F1} ms before the subscribers came");

    /// <summary>Follows the stream from <paramref name="after"/>, noting the last position it saw; the first message (a comment) says it is open.</summary>
    private async Task Follow(HttpClient client, long after, ConcurrentDictionary<int, long> seen, int stream, TaskCompletionSource open)
    {
        try
        {
            await foreach (var message in SseClient.Read(client, "/api/feed/stream", after, _streams.Token))
            {
                open.TrySetResult();
                if (message.Id is { } id)
                    seen[stream] = long.Parse(id);
            }
        }
        catch (OperationCanceledException) when (_streams.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            open.TrySetException(e);
        }
    }

    [Fact]
    public async Task writes_and_reads_keep_their_latency_while_200_subscriptions_and_50_streams_follow_the_feed()
    {
        var model = _given.Id("model");
        await _given.Model(model);
        await Measure("warm", model);
        var before = await Measure("before", model);

        var head = await _given.Model(_given.Id("head"));
        for (var s = 0; s < HookSubjects; s++)
        {
            var client = app.Client(Tokens.Subject($"hooks{s}"), Roles.Subscriber);
            for (var h = 0; h < HooksEach; h++)
            {
                var hook = _given.Id($"load-{s}-{h}");
                var secret = WebhookReceiver.NewSecret();
                using var response = await client.PostAsJsonAsync("/api/subscriptions", new
                {
                    subscriptionId = hook, url = _receiver.Hook(hook, secret), eventTypes = new[] { "ledger.model-registered.v1" }, secret, after = head,
                });
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                _subscriptions.Add((client, hook));
            }
        }

        var seen = new ConcurrentDictionary<int, long>();
        var opened = new List<Task>();
        var streamClients = Enumerable.Range(0, StreamSubjects).Select(s => app.Client(Tokens.Subject($"streams{s}"), Roles.Subscriber)).ToList();
        for (var s = 0; s < StreamSubjects; s++)
        {
            for (var i = 0; i < StreamsEach; i++)
            {
                var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = Follow(streamClients[s], head, seen, s * StreamsEach + i, open);
                opened.Add(open.Task);
            }
        }

        await Task.WhenAll(opened).WaitAsync(TimeSpan.FromSeconds(60));
        using (var oneTooMany = await streamClients[0].GetAsync("/api/feed/stream", HttpCompletionOption.ResponseHeadersRead))
        {
            oneTooMany.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            JsonNode.Parse(await oneTooMany.Content.ReadAsStringAsync())!["rule"]!.GetValue<string>().ShouldBe("too-many-streams");
        }

        var during = await Measure("during", model);
        output.WriteLine($"{_subscriptions.Count} webhook subscriptions ({HookSubjects} subjects), {opened.Count} SSE streams ({StreamSubjects} subjects), {Samples} samples each, one at a time");
        foreach (var latency in new[] { before.Write, during.Write, before.Read, during.Read })
            Report(latency);

        var clock = Stopwatch.StartNew();
        var last = $"msg_{during.Last}_0";
        foreach (var (_, hook) in _subscriptions)
            await _receiver.WaitFor(hook, r => r.Any(x => x.MessageId == last), Deadline - clock.Elapsed);
        await Eventually.Until(() => Task.FromResult(seen.Values.Count(p => p >= during.Last)), n => n == opened.Count, Deadline - clock.Elapsed, "every stream reaching the last write");
        output.WriteLine($"every subscription and stream had the last write {clock.Elapsed.TotalSeconds:F1} s after it was answered; {_receiver.All.Count} deliveries in all");
        _receiver.All.ShouldAllBe(r => r.Verified);

        ShouldKeepUp(before.Write, during.Write);
        ShouldKeepUp(before.Read, during.Read);
    }
}
