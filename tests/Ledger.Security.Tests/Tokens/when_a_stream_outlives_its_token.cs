using Ledger.Api.Security;

namespace Ledger.Security.Tests.Tokens;

/// <summary>
/// An SSE stream lasts no longer than its token (issue 14, item 6): at the token's expiry it sends <c>token-expired</c>
/// naming the last position sent and closes, and a new token with <c>Last-Event-ID</c> resumes it.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_a_stream_outlives_its_token(SecureLedger ledger)
{
    [Fact]
    public async Task it_ends_with_token_expired_and_resumes_with_a_new_token()
    {
        var token = ledger.Mint([Roles.Auditor], subject: "streamer", lifetime: TimeSpan.FromSeconds(3));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feed/stream");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        using var response = await ledger.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
            lines.Add(line);

        var expired = lines.IndexOf("event: token-expired");
        expired.ShouldBeGreaterThan(0, string.Join('\n', lines.TakeLast(5)));
        lines.Skip(expired + 1).First().ShouldStartWith("data: ");
        var after = JsonNode.Parse(lines[expired + 1]["data: ".Length..])!["after"]!.GetValue<long>();
        var lastId = lines.LastOrDefault(l => l.StartsWith("id: ", StringComparison.Ordinal));
        after.ShouldBe(lastId is null ? 0 : long.Parse(lastId[4..], System.Globalization.CultureInfo.InvariantCulture));

        (await ledger.Send(HttpMethod.Get, "/api/feed/stream", ledger.Token(Roles.Auditor), null,
            r => r.Headers.TryAddWithoutValidation("Last-Event-ID", after.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Status.ShouldBe(200);
    }
}
