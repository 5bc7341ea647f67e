using System.Net;
using System.Text;
using Ledger.Api.Feed.Envelopes;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Streaming;

[Collection(LedgerCollection.Name)]
public sealed class when_a_consumer_follows_the_stream(LedgerApp app)
{
    private readonly Given _given = new(app.Writer);
    private readonly FeedClient _feed = new(app.Subscriber);

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task a_consumer_that_drops_at_random_positions_and_resumes_gets_every_position_exactly_once_in_order()
    {
        var model = _given.Id("model");
        var start = await _given.Model(model);
        var writes = Task.Run(async () =>
        {
            var last = start;
            for (var i = 0; i < 30; i++)
                last = await _given.Organization(_given.Id($"org{i}"));
            return last;
        });

        var random = new Random(20260612);
        var seen = new List<long>();
        long cursor = start;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var connections = 0;
        while (!writes.IsCompleted || seen.Count == 0 || seen[^1] < await writes)
        {
            connections++;
            var dropAfter = random.Next(1, 6);
            var received = 0;
            // The last position can arrive before the writes' task has completed, and then nothing more comes on
            // this connection: a consumer that hears no new position for a while drops it and asks again.
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            connection.CancelAfter(Quiet);
            try
            {
                await foreach (var message in SseClient.Read(app.Subscriber, "/api/feed/stream", cursor, connection.Token))
                {
                    if (message.Id is null)
                        continue;
                    message.Event.ShouldBe("position");
                    var position = long.Parse(message.Id);
                    var batch = FeedEnvelopes.Formatter.DecodeBatchModeMessage(Encoding.UTF8.GetBytes(message.Data), null, FeedEnvelopes.Extensions);
                    batch.ShouldAllBe(e => FeedClient.Position(e) == position);
                    batch.Select(FeedClient.Index).ShouldBe(Enumerable.Range(0, batch.Count));
                    seen.Add(position);
                    cursor = position;
                    connection.CancelAfter(Quiet);
                    if (++received == dropAfter || (writes.IsCompleted && position == await writes))
                        break;
                }
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
            }
        }

        var expected = (await _feed.All(start)).Select(FeedClient.Position).Distinct().ToList();
        seen.ShouldBe(expected.Where(p => p <= seen[^1]));
        seen.ShouldContain(await writes);
        connections.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task an_idle_stream_gets_heartbeats_and_a_new_event_arrives_without_polling()
    {
        var start = await _given.Model(_given.Id("model"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var heartbeats = 0;
        long? written = null;
        DateTimeOffset writtenAt = default;
        await foreach (var message in SseClient.Read(app.Subscriber, $"/api/feed/stream?after={start}", null, deadline.Token))
        {
            if (message.Comment?.StartsWith("heartbeat", StringComparison.Ordinal) == true && ++heartbeats == 2)
            {
                writtenAt = DateTimeOffset.UtcNow;
                written = await _given.Model(_given.Id("later"));
            }

            if (message.Id is not null && written is not null && long.Parse(message.Id) == written)
            {
                (DateTimeOffset.UtcNow - writtenAt).ShouldBeLessThan(TimeSpan.FromSeconds(1));
                return;
            }
        }

        throw new ShouldAssertException("the stream ended before the new event arrived");
    }

    [Fact]
    public async Task a_bad_cursor_is_a_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feed/stream");
        request.Headers.Add("Last-Event-ID", "yesterday");
        using var response = await app.Subscriber.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.Subscriber.GetAsync("/api/feed?after=-1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Subscriber.GetAsync("/api/feed?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Subscriber.GetAsync("/api/feed?limit=abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
