using System.Text.Json;
using CloudNative.CloudEvents;
using Ledger.Api.Feed.Envelopes;

namespace Ledger.Feed.Tests.Support;

/// <summary>Reads the pull feed as a consumer would: HTTP and the CloudEvents SDK, nothing of the service's internals.</summary>
public sealed class FeedClient(HttpClient client)
{
    public sealed record Page(long Next, int Count, IReadOnlyList<CloudEvent> Events);

    public async Task<Page> Read(long after, int limit = 100)
    {
        using var response = await client.GetAsync($"/api/feed?after={after}&limit={limit}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var events = json.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => FeedEnvelopes.Formatter.ConvertFromJsonElement(e, FeedEnvelopes.Extensions))
            .ToList();
        return new Page(json.RootElement.GetProperty("next").GetInt64(), json.RootElement.GetProperty("count").GetInt32(), events);
    }

    /// <summary>Every event after <paramref name="after"/>, following the cursor to the end.</summary>
    public async Task<IReadOnlyList<CloudEvent>> All(long after)
    {
        var all = new List<CloudEvent>();
        for (var i = 0; i < 10_000; i++)
        {
            var page = await Read(after, 500);
            all.AddRange(page.Events);
            if (page.Count == 0)
                return all;
            after = page.Next;
        }

        throw new InvalidOperationException("the feed did not end");
    }


    public static long Position(CloudEvent e) => long.Parse((string)e[CloudNative.CloudEvents.Extensions.Sequence.SequenceAttribute]!);

    public static int Index(CloudEvent e) => (int)e[FeedEnvelopes.SequenceIndex]!;

    public static JsonElement Data(CloudEvent e) => (JsonElement)e.Data!;
}
