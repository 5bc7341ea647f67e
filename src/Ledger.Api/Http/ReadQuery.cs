using Ledger.Api.Ledger;
using Ledger.Domain.Json;
using Wolverine.Http;

namespace Ledger.Api.Http;

/// <summary>
/// The time coordinates every read accepts: <c>asOf</c> on the effective axis, and <c>knownAt</c> or
/// <c>position</c> on the recorded axis (never both, product.md 10.18). Resolved against the ledger once, as Wolverine
/// middleware in front of every endpoint that takes <see cref="ReadCoordinates"/>, so no read repeats it and none can
/// skip it; a request whose coordinates make the read impossible is answered with the problem and goes no further.
/// </summary>
public static class ReadQuery
{
    /// <summary>The parameters every read takes, as the OpenAPI document declares them.</summary>
    public static IReadOnlyList<IQueryParameter> Parameters { get; } =
    [
        new QueryParameterAttribute<DateTimeOffset>("asOf",
            "The instant on the effective axis the answer is about (RFC 3339 with an offset); default: now."),
        new QueryParameterAttribute<DateTimeOffset>("knownAt",
            "Answer with what the ledger had recorded at this instant (RFC 3339); default: everything recorded. Not with position."),
        new QueryParameterAttribute<long>("position",
            "Answer with what the ledger had recorded up to this position (from 0 to the head); the answer names the position it used, "
            + "so asking again with it gives the same bytes. Not with knownAt."),
    ];

    /// <summary>Puts the resolution in front of every endpoint that takes <see cref="ReadCoordinates"/>.</summary>
    public static void ResolveReadCoordinates(this WolverineHttpOptions options) =>
        options.AddMiddleware(typeof(ReadQuery), chain => chain.Method.Method.GetParameters().Any(p => p.ParameterType == typeof(ReadCoordinates)));

    public static async Task<(IResult, ReadCoordinates?)> LoadAsync(HttpContext http, LedgerLog log, TimeProvider clock)
    {
        var query = http.Request.Query;
        var now = clock.GetUtcNow();
        if (!TryInstant(query, "asOf", out var asOf, out var problem) || !TryInstant(query, "knownAt", out var knownAt, out problem))
            return (problem!, null);

        long? position = null;
        if (query.TryGetValue("position", out var positionText))
        {
            if (!long.TryParse(positionText, out var parsed) || parsed < 0)
                return (Problems.Result(400, "invalid-position", "position", "position is a ledger position, a whole number from 0"), null);
            position = parsed;
        }

        if (position is not null && knownAt is not null)
            return (Problems.Result(400, "knownat-with-position", "position", "give knownAt or position, not both"), null);

        var snapshot = await log.Current(http.RequestAborted);
        if (position > snapshot.Position)
            snapshot = await log.CatchUp(http.RequestAborted);
        if (position > snapshot.Position)
            return (Problems.Result(400, "position-beyond-head", "position", $"the ledger's head is at position {snapshot.Position}"), null);

        var cut = position is { } p ? KnowledgeCut.AtPosition(snapshot, p)
            : knownAt is { } k && k < now ? KnowledgeCut.AsKnownAt(snapshot, k)
            : KnowledgeCut.Latest(snapshot, now);
        return (WolverineContinue.Result(), new ReadCoordinates(cut, asOf ?? now, snapshot.Knowledge));
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
