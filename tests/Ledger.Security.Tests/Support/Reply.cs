using System.Net.Http.Headers;

namespace Ledger.Security.Tests.Support;

/// <summary>One HTTP answer as the tests read it.</summary>
public sealed record Reply(int Status, string? ContentType, HttpResponseHeaders Headers, string Text)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("the body is JSON null");

    public bool IsDenial => Status is 401 or 403;

    /// <summary>An RFC 9457 problem of this service: its media type, the stable type of the rule, and the status.</summary>
    public Reply ShouldBeProblem(int status, string rule)
    {
        Status.ShouldBe(status, ToString());
        ContentType.ShouldBe("application/problem+json", ToString());
        Json["type"]!.GetValue<string>().ShouldBe($"https://directive-ledger.dev/problems/{rule}", ToString());
        Json["status"]!.GetValue<int>().ShouldBe(status, ToString());
        return this;
    }

    public override string ToString() => $"{Status} {ContentType}: {(Text.Length > 600 ? Text[..600] + "…" : Text)}";
}
