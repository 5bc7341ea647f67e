using System.Text;
using Ledger.Api.Feed.Filtering;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Wolverine.Http;

namespace Ledger.Api.Feed.Delivering.Streaming;

/// <summary>
/// The push feed as server-sent events. One SSE event per position: <c>id:</c> is the position, <c>event:</c> is
/// <c>position</c>, and <c>data:</c> is the position's CloudEvents as a JSON batch (the ledger event, then its access
/// changes), so a position arrives whole or not at all and resuming with <c>Last-Event-ID</c> (or <c>?after=</c>)
/// gives every later position exactly once. Idle streams get a comment line as a heartbeat. A stream lasts no longer
/// than the token that opened it: when it expires the stream sends <c>token-expired</c> (its data names the last
/// position sent) and closes, and the client resumes with a new token and <c>Last-Event-ID</c>.
/// A subject holds at most <see cref="FeedOptions.MaxStreamsPerSubject"/> streams open (<see cref="OpenStreams"/>); one
/// more is a 429. Filtered by model and organisation, a stream carries only the positions that changed one of its
/// cells, each with its ledger event and those access changes; the ids still rise, so resuming works alike.
/// </summary>
public static class StreamFeedEndpoint
{
    [WolverineGet("/api/feed/stream", OperationId = "streamFeed")]
    [Tags("Feed"), EndpointSummary("Feed events after a position as Server-Sent Events (resume with Last-Event-ID)")]
    [QueryParameter<long>("after", "Events after this position; default 0. Last-Event-ID, when sent, wins")]
    [QueryParameter<string[]>(FeedFilter.ModelParameter, FeedFilter.ModelDescription)]
    [QueryParameter<string[]>(FeedFilter.OrganizationParameter, FeedFilter.OrganizationDescription)]
    public static async Task Stream(
        HttpContext http, FeedReader feed, FeedSignal signal, DeliveryGate gate, OpenStreams open, FeedOptions options, LedgerLog log)
    {
        if (http.User.Subject() is not { } subject)
        {
            await Problems.Result(401, "authentication-required", "Authorization", "a stream belongs to an authenticated subject").ExecuteAsync(http);
            return;
        }

        var resume = http.Request.Headers["Last-Event-ID"].ToString();
        var query = http.Request.Query["after"].ToString();
        var text = resume.Length > 0 ? resume : query;
        long cursor = 0;
        if (text.Length > 0 && (!long.TryParse(text, out cursor) || cursor < 0))
        {
            var field = resume.Length > 0 ? "Last-Event-ID" : "after";
            await Problems.Result(400, "invalid-cursor", field, $"{field} is a ledger position, a whole number from 0").ExecuteAsync(http);
            return;
        }

        var (filter, refused) = FeedFilter.From(http.Request.Query, (await log.Current(http.RequestAborted)).Knowledge);
        if (refused is not null)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        if (!open.TryOpen(subject))
        {
            await Problems.Result(429, "too-many-streams", "Authorization",
                $"a subject holds at most {options.MaxStreamsPerSubject} open streams; close one, or follow the feed with one stream").ExecuteAsync(http);
            return;
        }

        try
        {
            await Follow(http, feed, signal, gate, options, cursor, filter);
        }
        finally
        {
            open.Close(subject);
        }
    }

    private static async Task Follow(HttpContext http, FeedReader feed, FeedSignal signal, DeliveryGate gate, FeedOptions options, long cursor, FeedFilter filter)
    {
        var ct = http.RequestAborted;
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync($"retry: 1000\n: resuming after position {cursor}\n\n", ct);
        await response.Body.FlushAsync(ct);

        var expiry = Expiry(http.User.Expires(), ct);
        var stream = new ServerSentEvents(response, feed, options, cursor, expiry, filter);
        try
        {
            await FeedConsumer.Follow(signal, gate, stream, null, ct);
            if (expiry.IsCompletedSuccessfully)
            {
                await response.WriteAsync($"event: token-expired\ndata: {{\"after\":{stream.Cursor}}}\n\n", ct);
                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; it resumes with Last-Event-ID.
        }
    }

    /// <summary>Completes when the token expires; a token without <c>exp</c> never passes authentication.</summary>
    private static Task Expiry(DateTimeOffset? expires, CancellationToken ct)
    {
        var left = (expires ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow;
        return Task.Delay(left < TimeSpan.Zero ? TimeSpan.Zero : left, ct);
    }

    /// <summary>
    /// One client's stream: its cursor is the last position written to it, which the client echoes to resume. The
    /// token's expiry wakes the loop, which then finds nothing more to follow; a batch already read is sent whole.
    /// </summary>
    private sealed class ServerSentEvents(HttpResponse response, FeedReader feed, FeedOptions options, long cursor, Task expiry, FeedFilter filter)
        : IFeedChannel<FeedReader.Position>
    {
        private const int Batch = 100;

        public long Cursor => cursor;

        public TimeSpan IdleAfter => options.Heartbeat;

        public Task OwnWakeUp => expiry;

        /// <summary>A filtered read that finds none of its cells moves the cursor past what it read, so it is not read again.</summary>
        public async Task<IReadOnlyList<FeedReader.Position>?> Read(CancellationToken ct)
        {
            if (expiry.IsCompleted)
                return null;
            var (positions, through) = await feed.ReadPositions(cursor, Batch, filter, ct);
            if (positions.Count == 0 && !filter.IsEverything)
                cursor = through;
            return positions;
        }

        public async Task Deliver(IReadOnlyList<FeedReader.Position> positions, CancellationToken ct)
        {
            foreach (var position in positions)
            {
                await response.WriteAsync(Event(position), ct);
                cursor = position.Number;
            }

            await response.Body.FlushAsync(ct);
        }

        public async Task Idle(CancellationToken ct)
        {
            await response.WriteAsync($": heartbeat {DateTimeOffset.UtcNow:O}\n\n", ct);
            await response.Body.FlushAsync(ct);
        }

        private static string Event(FeedReader.Position position)
        {
            var text = new StringBuilder();
            text.Append("id: ").Append(position.Number).Append('\n');
            text.Append("event: position\n");
            text.Append("data: [").AppendJoin(',', position.Envelopes).Append("]\n\n");
            return text.ToString();
        }
    }
}
