using System.Text.Json.Nodes;

namespace Ledger.Feed.Tests.Support;

/// <summary>Polls the service's own API, or anything else, with a deadline: delivery logs and sealed secrets are written by a background worker.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan deadline, string what)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            var value = await read();
            if (condition(value))
                return value;
            if (DateTimeOffset.UtcNow > until)
                throw new TimeoutException($"{what} never held within {deadline}; last seen: {value}");
            await Task.Delay(50);
        }
    }

    /// <summary>The delivery log at <paramref name="path"/> (e.g. <c>/api/subscriptions/{id}/dead-letters</c>) once it satisfies <paramref name="condition"/>.</summary>
    public static Task<JsonArray> Deliveries(HttpClient client, string path, Func<JsonArray, bool> condition, TimeSpan deadline) =>
        Until(async () => JsonNode.Parse(await client.GetStringAsync(path))!["deliveries"]!.AsArray(), condition, deadline, path);
}
