using System.Runtime.CompilerServices;
using System.Text;

namespace Ledger.Feed.Tests.Support;

/// <summary>A minimal server-sent events reader, as an EventSource would parse the stream.</summary>
public static class SseClient
{
    public sealed record Message(string? Id, string? Event, string Data, string? Comment);

    public static async IAsyncEnumerable<Message> Read(HttpClient client, string path, long? lastEventId, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        string? eventId = null, eventName = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 || eventId is not null)
                    yield return new Message(eventId, eventName, data.ToString(), null);
                (eventId, eventName) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith(':'))
            {
                yield return new Message(null, null, "", line[1..].Trim());
            }
            else
            {
                var colon = line.IndexOf(':');
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
                switch (field)
                {
                    case "id": eventId = value; break;
                    case "event": eventName = value; break;
                    case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
                }
            }
        }
    }
}
