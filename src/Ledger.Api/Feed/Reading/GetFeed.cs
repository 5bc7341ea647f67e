using System.Text.Json;
using Ledger.Api.Feed.Filtering;
using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Api.Feed.Reading;

/// <summary>A page of the pull feed as the OpenAPI document describes it: the page is written straight from the stored envelopes.</summary>
/// <param name="After">the cursor asked with</param>
/// <param name="Next">the cursor to ask with next (the last position in the page, or <paramref name="After"/> when it is empty; filtered, the last position read, which may be beyond the page's last)</param>
/// <param name="Count">how many events the page holds</param>
/// <param name="Events">CloudEvents 1.0 structured JSON, in position order</param>
internal sealed record FeedPage(long After, long Next, int Count, IReadOnlyList<JsonElement> Events);

/// <summary>
/// The pull feed: whole positions after a cursor, in position order, each position's ledger event followed by its
/// access changes, as CloudEvents 1.0 structured JSON, and the cursor to ask with next.
/// </summary>
public static class GetFeedEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    [WolverineGet("/api/feed", OperationId = "readFeed"), ProducesResponseType<FeedPage>(200)]
    [Tags("Feed"), EndpointSummary("Feed events after a position, as CloudEvents, one page of whole positions")]
    [QueryParameter<long>("after", "Events after this position; default 0 (from the start)")]
    [QueryParameter<int>("limit", "How many positions per page, 1 to 1000; default 100")]
    [QueryParameter<string[]>(FeedFilter.ModelParameter, FeedFilter.ModelDescription)]
    [QueryParameter<string[]>(FeedFilter.OrganizationParameter, FeedFilter.OrganizationDescription)]
    public static async Task<IResult> Get(HttpContext http, FeedReader feed, LedgerLog log)
    {
        var (after, limit, problem) = Cursor(http.Request.Query);
        if (problem is not null)
            return problem;
        var (filter, refused) = FeedFilter.From(http.Request.Query, (await log.Current(http.RequestAborted)).Knowledge);
        if (refused is not null)
            return refused;

        var (positions, through) = await feed.ReadPositions(after, limit, filter, http.RequestAborted);
        // A filtered page passes over positions that changed none of its cells, so its cursor moves on past them.
        var next = filter.IsEverything ? positions.Count > 0 ? positions[^1].Number : after : through;
        return Results.Stream(async body =>
        {
            await using var json = new Utf8JsonWriter(body);
            json.WriteStartObject();
            json.WriteNumber("after", after);
            json.WriteNumber("next", next);
            json.WriteNumber("count", positions.Count);
            json.WriteStartArray("events");
            foreach (var envelope in positions.SelectMany(p => p.Envelopes))
                json.WriteRawValue(envelope, skipInputValidation: true);
            json.WriteEndArray();
            json.WriteEndObject();
        }, "application/json");
    }

    private static (long After, int Limit, IResult? Problem) Cursor(IQueryCollection query)
    {
        long after = 0;
        var limit = DefaultLimit;
        if (query.TryGetValue("after", out var afterText) && (!long.TryParse(afterText, out after) || after < 0))
            return (0, 0, Problems.Result(400, "invalid-cursor", "after", "after is a ledger position, a whole number from 0"));
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
            return (0, 0, Problems.Result(400, "invalid-limit", "limit", $"limit is a number of positions from 1 to {MaxLimit}"));
        return (after, limit, null);
    }
}
