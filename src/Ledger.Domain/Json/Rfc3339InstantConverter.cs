using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Ledger.Domain.Json;

/// <summary>
/// Reads only RFC 3339 instants with an explicit offset (product.md 10.13): a time without an offset is
/// ambiguous evidence, so it is refused rather than guessed. Fractions are kept to microseconds.
/// Writes <c>Z</c> for UTC and the original offset otherwise, so a local wall time stays readable.
/// </summary>
public sealed partial class Rfc3339InstantConverter : JsonConverter<DateTimeOffset>
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null
               && Shape().IsMatch(text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    public static string Format(DateTimeOffset instant) =>
        instant.Offset == TimeSpan.Zero
            ? instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture)
            : instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("expected an RFC 3339 instant as a string");
        var text = reader.GetString();
        return TryParse(text, out var instant)
            ? instant
            : throw new JsonException($"'{text}' is not an RFC 3339 instant with an offset (e.g. 2026-06-12T21:21:00Z)");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
