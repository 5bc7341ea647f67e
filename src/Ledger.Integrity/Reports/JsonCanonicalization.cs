using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Integrity.Reports;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): members sorted by their names' UTF-16 code units, no insignificant
/// whitespace, strings escaped as ECMAScript's <c>JSON.stringify</c> does (only <c>"</c>, <c>\</c> and control
/// characters; everything else as UTF-8), numbers in ECMAScript's shortest form. The same JSON value always gives the
/// same bytes, whoever wrote it, so a signature over them survives any re-encoding of the document.
/// </summary>
public static class JsonCanonicalization
{
    /// <summary>The canonical UTF-8 bytes of a JSON value; throws <see cref="FormatException"/> on what JCS cannot represent.</summary>
    public static byte[] Canonicalize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, JsonSerializer.SerializeToElement(node));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Canonicalize(JsonElement element)
    {
        var text = new StringBuilder();
        Write(text, element);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    if (!first)
                        text.Append(',');
                    first = false;
                    String(text, member.Name);
                    text.Append(':');
                    Write(text, member.Value);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                        text.Append(',');
                    Write(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                String(text, element.GetString()!);
                break;
            case JsonValueKind.Number:
                text.Append(Number(element));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                throw new FormatException($"no canonical form for a JSON {element.ValueKind}");
        }
    }

    private static void String(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1])) || char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])))
                throw new FormatException("a string holds a lone surrogate, which JCS cannot represent");
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>ECMAScript's Number.prototype.toString of the IEEE 754 double the JSON number denotes.</summary>
    private static string Number(JsonElement element)
    {
        var value = element.GetDouble();
        if (!double.IsFinite(value))
            throw new FormatException("a number beyond what a double holds has no canonical form");
        if (value == 0)
            return "0";
        var sign = value < 0 ? "-" : "";
        value = Math.Abs(value);
        if (value == Math.Floor(value) && value < 1e21)
            return sign + new BigInteger(value).ToString(CultureInfo.InvariantCulture);

        // Shortest round-trip digits and the decimal exponent n, with value = 0.d1d2...dk x 10^n.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= leading;
        var k = digits.Length;
        string text;
        if (k <= n && n <= 21)
            text = digits + new string('0', n - k);
        else if (0 < n && n <= 21)
            text = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0)
            text = "0." + new string('0', -n) + digits;
        else
        {
            var e = n - 1;
            text = digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return sign + text;
    }
}
