namespace Ledger.Security.Tests.Support;

/// <summary>What a problem's <c>detail</c> must never show: how the service is built (types, members, serializer paths).</summary>
public static class Leaks
{
    private static readonly string[] Markers =
        ["System.", "Ledger.", "Microsoft.", "JsonElement", "Path:", "LineNumber", "BytePosition", ".NET", "type '", "Exception", "   at "];

    /// <summary>The first marker in <paramref name="detail"/>, or null when it shows none.</summary>
    public static string? Of(string? detail) =>
        detail is null ? null : Markers.FirstOrDefault(m => detail.Contains(m, StringComparison.Ordinal));
}
