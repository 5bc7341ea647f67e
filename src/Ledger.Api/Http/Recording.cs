using System.Diagnostics;
using Ledger.Api.Ledger;
using Ledger.Domain.Admission;
using Ledger.Domain.Facts;

namespace Ledger.Api.Http;

/// <summary>
/// What every write endpoint shares: reading <c>Idempotency-Key</c> and <c>If-Match</c>, naming the actor and the
/// trace, and turning the ledger's outcome into 201, the first answer again, or a problem. The actor is the
/// authenticated subject of the bearer token and nothing the client sends: no header or body member can set it.
/// </summary>
public static class Recording
{
    private const int MaxIdempotencyKeyLength = 255;

    public static async Task<IResult> Record(this LedgerWriter ledger, HttpContext http, ILedgerFact fact, string? location = null)
    {
        if (Context(http, out var context) is { } problem)
            return problem;

        return Answer(await ledger.Record(fact, context, http.RequestAborted), receipts => Created(http, receipts[0], location), (violation, _) => violation);
    }

    /// <summary>
    /// A write of several facts, all or none. They live in several streams, so there is no one version for
    /// <c>If-Match</c> to name; <paramref name="locate"/> points a refusal at the member of the body that proposed the
    /// refused fact, and <paramref name="answer"/> shapes the 201 from the receipts, in the order proposed.
    /// </summary>
    public static async Task<IResult> RecordAll(
        this LedgerWriter ledger, HttpContext http, IReadOnlyList<ILedgerFact> facts,
        Func<Violation, int, Violation> locate, Func<IReadOnlyList<WriteReceipt>, object> answer)
    {
        if (Context(http, out var context) is { } problem)
            return problem;
        if (context.ExpectedVersion is not null)
            return Problems.Result(400, "if-match-not-applicable", "If-Match", "this write records facts in several streams; there is no single version to match");

        return Answer(await ledger.RecordAll(facts, context, http.RequestAborted), receipts => Results.Json(answer(receipts), statusCode: 201), locate);
    }

    /// <summary>201 for a write recorded now or before (the first answer again), a problem naming the refused fact otherwise.</summary>
    private static IResult Answer(WriteOutcome outcome, Func<IReadOnlyList<WriteReceipt>, IResult> created, Func<Violation, int, Violation> locate) =>
        outcome switch
        {
            WriteOutcome.Written(var receipts) => created(receipts),
            WriteOutcome.Replayed(var receipts) => created(receipts),
            WriteOutcome.Refused(var violation, var fact) => Problems.From(locate(violation, fact)),
            _ => throw new UnreachableException(),
        };

    private static IResult? Context(HttpContext http, out WriteContext context)
    {
        context = null!;
        if (http.User.Subject() is not { } actor)
            return Problems.Result(401, "authentication-required", "Authorization", "a write needs an authenticated subject");

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
            return Problems.Result(400, "invalid-idempotency-key", "Idempotency-Key", $"an idempotency key is 1 to {MaxIdempotencyKeyLength} visible ASCII characters");

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        long? expected = null;
        if (ifMatch.Length > 0)
        {
            if (!long.TryParse(ifMatch.Trim('"'), out var version) || version < 0)
                return Problems.Result(400, "invalid-if-match", "If-Match", "If-Match names a stream version, e.g. If-Match: \"3\"");
            expected = version;
        }

        context = new WriteContext(
            http.Request.Path,
            http.Features.Get<RequestBody>()?.Json ?? "null",
            key.Length == 0 ? null : key,
            expected,
            actor,
            Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier,
            key.Length == 0 ? http.TraceIdentifier : key);
        return null;
    }

    private static IResult Created(HttpContext http, WriteReceipt receipt, string? location)
    {
        http.Response.Headers.ETag = $"\"{receipt.StreamVersion}\"";
        return location is null ? Results.Json(receipt, statusCode: 201) : Results.Created(location, receipt);
    }
}
