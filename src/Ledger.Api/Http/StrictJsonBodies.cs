using System.Text;
using System.Text.Json;
using Ledger.Domain.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ledger.Api.Http;

/// <summary>
/// Judges every JSON request body before its endpoint runs: at most 1 MiB (413), JSON of the endpoint's request
/// type in the ledger's strict dialect (400 naming the offending field). Doing it here, once, means no endpoint
/// can forget it and no malformed body can reach a handler and end as a 500.
/// </summary>
public sealed partial class StrictJsonBodies(RequestDelegate next)
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The ledger's dialect, and one member name once: with a duplicate, a reader that keeps the first value and one
    /// that keeps the last would each see another request, and the idempotency comparison would be judged on one of them.
    /// </summary>
    private static readonly JsonSerializerOptions BodyOptions = new(LedgerJson.Options) { AllowDuplicateProperties = false };

    public async Task InvokeAsync(HttpContext http)
    {
        var requestType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (requestType is null || !(HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method) || HttpMethods.IsPatch(http.Request.Method)))
        {
            await next(http);
            return;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await Refuse(http, 413, "body-too-large", "", $"a request body may be at most {MaxBodyBytes} bytes");
            return;
        }

        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Refuse(http, 415, "unsupported-media-type", "Content-Type", "send the body as application/json");
            return;
        }

        var bytes = await ReadAtMost(http.Request.Body, MaxBodyBytes + 1, http.RequestAborted);
        if (bytes.Length > MaxBodyBytes)
        {
            await Refuse(http, 413, "body-too-large", "", $"a request body may be at most {MaxBodyBytes} bytes");
            return;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            if (JsonSerializer.Deserialize(bytes, requestType, BodyOptions) is null)
                throw new JsonException("the body must be a JSON object, not null");
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            var field = Field(e as JsonException);
            await Refuse(http, 400, "invalid-body", field, Explain(e, field.Length == 0 ? "the body" : field));
            return;
        }

        http.Features.Set(new RequestBody(text));
        http.Request.Body = new MemoryStream(bytes, writable: false);
        http.Request.ContentLength = bytes.Length;
        await next(http);
    }

    /// <summary>The JSON path of the offending member; for a missing member the path names its parent, so the member is added.</summary>
    private static string Field(JsonException? e)
    {
        var path = e?.Path is { Length: > 2 } p ? p[2..] : "";
        if (e is null || MissingMember().Match(e.Message) is not { Success: true } missing)
            return path;
        var member = JsonNamingPolicy.CamelCase.ConvertName(missing.Groups[1].Value);
        return path.Length == 0 ? member : $"{path}.{member}";
    }

    [System.Text.RegularExpressions.GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex MissingMember();

    /// <summary>
    /// The refusal in the request's own terms. System.Text.Json's messages name .NET types and members, which tell a
    /// client nothing it can act on and tell an attacker how the service is built, so only its reader's messages
    /// (about the JSON text itself) and the ledger's own converters' are passed on, and only when they name no type.
    /// </summary>
    private static string Explain(Exception e, string field)
    {
        var message = WithoutPosition(e.Message);
        var inner = e.InnerException is { } cause ? WithoutPosition(cause.Message) : null;
        var converting = message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
        return e switch
        {
            DecoderFallbackException => "the body is not valid UTF-8",
            JsonException when MissingMember().IsMatch(message) => $"{field} is required",
            JsonException when message.StartsWith("The JSON property", StringComparison.Ordinal) => $"{field} is not a member of this request",
            JsonException when message.Contains("uplicate", StringComparison.Ordinal) => $"{field} is given more than once",
            JsonException when message.Contains("null", StringComparison.Ordinal) && message.Contains("type", StringComparison.Ordinal) =>
                $"{field} must not be null",
            JsonException when converting && inner is not null && !NamesInternals(inner) => $"{field} has the wrong type or value: {inner}",
            JsonException when converting => $"{field} has the wrong type or value",
            JsonException when inner is not null && !NamesInternals(inner) => inner,
            JsonException when !NamesInternals(message) => message,
            _ => "the body is not JSON of this endpoint's request",
        };
    }

    /// <summary>The message without the serializer's position suffix (<c>Path: $.x | LineNumber: 0 | BytePositionInLine: 5.</c>).</summary>
    private static string WithoutPosition(string message) => message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd(' ', '|');

    private static bool NamesInternals(string text) =>
        text.Contains("type", StringComparison.OrdinalIgnoreCase) || text.Contains("System.", StringComparison.Ordinal)
        || text.Contains("Ledger.", StringComparison.Ordinal) || text.Contains(".NET", StringComparison.Ordinal);

    private static async Task<byte[]> ReadAtMost(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private static Task Refuse(HttpContext http, int status, string rule, string field, string detail) =>
        Problems.Result(status, rule, field, detail).ExecuteAsync(http);
}
