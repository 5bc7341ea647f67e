using Ledger.Api.Ledger;
using Ledger.Domain.Json;

namespace Ledger.Api.Http;

/// <summary>
/// The time coordinates every read accepts: <c>asOf</c> on the effective axis, and <c>knownAt</c> or
/// <c>position</c> on the recorded axis (never both, product.md 10.18). Resolves them against the ledger, or
/// answers the problem that makes the read impossible.
/// </summary>
public static class ReadQuery
{
    /// <summary>
    /// A read's coordinates, and <see cref="Now"/>: what the ledger knows at its head, on which confidentiality and
    /// clearance are judged for a read at any position (product.md 11).
    /// </summary>
    public sealed record Resolved(KnowledgeCut Cut, DateTimeOffset AsOf, Domain.Knowledge.LedgerKnowledge Now);

    public static async Task<(Resolved? Read, IResult? Problem)> Resolve(HttpContext http, LedgerLog log, TimeProvider clock)
    {
        var query = http.Request.Query;
        var now = clock.GetUtcNow();
        if (!TryInstant(query, "asOf", out var asOf, out var problem) || !TryInstant(query, "knownAt", out var knownAt, out problem))
            return (null, problem);

        long? position = null;
        if (query.TryGetValue("position", out var positionText))
        {
            if (!long.TryParse(positionText, out var parsed) || parsed < 0)
                return (null, Problems.Result(400, "invalid-position", "position", "position is a ledger position, a whole number from 0"));
            position = parsed;
        }

        if (position is not null && knownAt is not null)
            return (null, Problems.Result(400, "knownat-with-position", "position", "give knownAt or position, not both"));

        var snapshot = await log.Current(http.RequestAborted);
        if (position > snapshot.Position)
            snapshot = await log.CatchUp(http.RequestAborted);
        if (position > snapshot.Position)
            return (null, Problems.Result(400, "position-beyond-head", "position", $"the ledger's head is at position {snapshot.Position}"));

        var cut = position is { } p ? KnowledgeCut.AtPosition(snapshot, p)
            : knownAt is { } k && k < now ? KnowledgeCut.AsKnownAt(snapshot, k)
            : KnowledgeCut.Latest(snapshot, now);
        return (new Resolved(cut, asOf ?? now, snapshot.Knowledge), null);
    }

    /// <summary>An optional instant of the query string; false, with the problem to answer, when it is there but malformed.</summary>
    public static bool TryInstant(IQueryCollection query, string name, out DateTimeOffset? instant, out IResult? problem) =>
        TryInstant(query.TryGetValue(name, out var text) ? text.ToString() : null, name, out instant, out problem);

    public static bool TryInstant(string? text, string name, out DateTimeOffset? instant, out IResult? problem)
    {
        instant = null;
        problem = null;
        if (text is null)
            return true;
        // A "+" offset arrives as a space when the client did not percent-encode it.
        if (Rfc3339InstantConverter.TryParse(text.Replace(' ', '+'), out var parsed))
        {
            instant = parsed;
            return true;
        }

        problem = InvalidInstant(name);
        return false;
    }

    public static IResult InvalidInstant(string name) =>
        Problems.Result(400, "invalid-instant", name, $"{name} is an RFC 3339 instant with an offset, e.g. 2026-06-27T12:00:00Z");
}
