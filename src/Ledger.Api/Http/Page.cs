namespace Ledger.Api.Http;

/// <summary>
/// One page of a lookup ordered by id: the ids after <c>after</c> (ordinal order, exclusive) up to <c>limit</c>, and
/// the id to ask after for the next page, or null on the last. Keyed by id rather than an offset, so a page asked
/// again at the same position gives the same ids even when the ledger has registered more since.
/// </summary>
internal sealed record Page(string? After, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static (Page? Page, IResult? Problem) From(IQueryCollection query)
    {
        var after = query.TryGetValue("after", out var afterText) ? afterText.ToString() : null;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
            return (null, Problems.Result(400, "invalid-limit", "limit", $"limit is a number of entries from 1 to {MaxLimit}"));
        return (new Page(after, limit), null);
    }

    /// <summary>This page of <paramref name="items"/>, which <paramref name="id"/> orders, and the cursor of the next.</summary>
    public (IReadOnlyList<T> Items, string? Next) Of<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var page = items
            .Where(item => After is null || string.CompareOrdinal(id(item), After) > 0)
            .OrderBy(id, StringComparer.Ordinal)
            .Take(Limit + 1)
            .ToList();
        return page.Count > Limit ? (page[..Limit], id(page[Limit - 1])) : (page, null);
    }
}
