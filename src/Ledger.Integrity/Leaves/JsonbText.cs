using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ledger.Integrity.Leaves;

/// <summary>
/// A JSON value as PostgreSQL prints a jsonb value: object keys shortest first, then by their UTF-8 bytes; <c>", "</c>
/// and <c>": "</c> between items; in strings only <c>"</c>, <c>\</c> and control characters escaped (<c>\b \f \n \r \t</c>,
/// the others <c>\u00xx</c>). Numbers keep their text. Enough to print a revealed text exactly as the ledger stored it.
/// </summary>
internal static class JsonbText
{
    public static string Of(JsonElement value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                WriteString(text, value.GetString()!);
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var element in value.EnumerateArray())
                {
                    text.Append(first ? "" : ", ");
                    Write(text, element);
                    first = false;
                }

                text.Append(']');
                break;
            case JsonValueKind.Object:
                text.Append('{');
                var members = value.EnumerateObject()
                    .OrderBy(m => Encoding.UTF8.GetByteCount(m.Name))
                    .ThenBy(m => Encoding.UTF8.GetBytes(m.Name), ByteOrder.Instance);
                var firstMember = true;
                foreach (var member in members)
                {
                    text.Append(firstMember ? "" : ", ");
                    WriteString(text, member.Name);
                    text.Append(": ");
                    Write(text, member.Value);
                    firstMember = false;
                }

                text.Append('}');
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
