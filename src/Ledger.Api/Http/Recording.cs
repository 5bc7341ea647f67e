using System.Diagnostics;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
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

        var context = new WriteContext(
            http.Request.Path,
            http.Features.Get<RequestBody>()?.Json ?? "null",
            key.Length == 0 ? null : key,
            expected,
            actor,
            Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier,
            key.Length == 0 ? http.TraceIdentifier : key);

        return await ledger.Record(fact, context, http.RequestAborted) switch
        {
            WriteOutcome.Written(var receipt) => Created(http, receipt, location),
            WriteOutcome.Replayed(var receipt) => Created(http, receipt, location),
            WriteOutcome.Refused(var violation) => Problems.From(violation),
            _ => throw new UnreachableException(),
        };
    }

    private static IResult Created(HttpContext http, WriteReceipt receipt, string? location)
    {
        http.Response.Headers.ETag = $"\"{receipt.StreamVersion}\"";
        return location is null ? Results.Json(receipt, statusCode: 201) : Results.Created(location, receipt);
    }
}
