using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Integrity.Leaves;

/// <summary>
/// How a <c>leaf/v2</c> commits to confidential text: each confidential field of the data, with a random salt of its
/// own, is replaced in the committed data by salted SHA-256 hashes of its texts, in a form that keeps what is an
/// effect (how many texts, a document's hash). The service computes the committed data in SQL (its jsonb text is
/// canonical); this is the same in C#, to check text against commitment and to read a withheld copy.
/// </summary>
/// <remarks>
/// One text unit <i>i</i> (0 for a single text) with parts p1..pn is committed as
/// SHA-256(salt || i as 4 bytes big-endian || F(p1) || ... || F(pn)), lowercase hex, where F is a leaf field's
/// encoding (<see cref="LeafRecord.CanonicalBytes"/>). Forms: <c>text</c>, a string whose text is its one part
/// (a value that is not a string takes its JSON text); <c>texts</c>, an array whose element i is committed alone;
/// <c>documents</c>, an array whose element i becomes <c>{"sha256": its hash, "commitment": unit i}</c>, whose one part is
/// the document without its hash as PostgreSQL prints it (<c>d - 'sha256'</c>, e.g. <c>{"uri": null, "title": "…"}</c>),
/// so its title, its uri and its shape are all committed. An array field that is not an array is committed as <c>text</c>.
/// </remarks>
public static class TextCommitments
{
    /// <summary>What a withheld text reads as: the same word as the ledger's reads (a test ties them).</summary>
    public const string Marker = "[withheld]";

    public const int SaltSize = 32;

    public const string Text = "text";
    public const string Texts = "texts";
    public const string Documents = "documents";

    /// <summary>The committed fields and their forms, in the order the commitments text names them.</summary>
    public static IReadOnlyList<(string Field, string Form)> Parse(string? commitments)
    {
        if (commitments is null)
            return [];
        using var json = JsonDocument.Parse(commitments);
        if (json.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("the commitments are not a JSON object");
        return json.RootElement.EnumerateObject()
            .Select(p => p.Value.GetString() is Text or Texts or Documents ? (p.Name, p.Value.GetString()!)
                : throw new FormatException($"the field '{p.Name}' is committed in an unknown form"))
            .ToList();
    }

    /// <summary>The committed form of a clear value.</summary>
    public static JsonNode? Commit(string form, JsonElement value, byte[] salt)
    {
        if (form == Text || value.ValueKind != JsonValueKind.Array)
            return Hex(Unit(salt, 0, TextOf(value)));
        var elements = value.EnumerateArray().Select((element, i) => form == Texts
            ? Hex(Unit(salt, i, TextOf(element)))
            : new JsonObject
            {
                ["sha256"] = Member(element, "sha256") is { } hash ? JsonNode.Parse(hash.GetRawText()) : null,
                ["commitment"] = Hex(Unit(salt, i, WithoutHash(element))),
            });
        return new JsonArray([.. elements]);
    }

    /// <summary>
    /// Why the clear data does not match the committed data (null when it does): it must be the committed data's very
    /// text with each commitment replaced by its clear value as PostgreSQL prints it (<see cref="JsonbText"/>; both are
    /// its jsonb output: keys in the same order, the same spacing), so no byte of it goes unchecked; and each committed
    /// value must be the commitment of its clear value with the salt given for it.
    /// </summary>
    public static string? Disagreement(string data, string committed, string? commitments, IReadOnlyDictionary<string, byte[]> salts)
    {
        var forms = Parse(commitments).ToDictionary(c => c.Field, c => c.Form);
        if (salts.Keys.FirstOrDefault(field => !forms.ContainsKey(field)) is { } extra)
            return $"a salt is given for '{extra}', which is not committed";
        using var clear = JsonDocument.Parse(data);
        using var hashed = JsonDocument.Parse(committed);
        if (clear.RootElement.ValueKind != JsonValueKind.Object || hashed.RootElement.ValueKind != JsonValueKind.Object)
            return "the data is not a JSON object";
        foreach (var (field, form) in forms)
        {
            if (!clear.RootElement.TryGetProperty(field, out var value) || !hashed.RootElement.TryGetProperty(field, out var commitment))
                return $"the committed field '{field}' is not in the data";
            if (!salts.TryGetValue(field, out var salt) || salt.Length != SaltSize)
                return $"no {SaltSize}-byte salt is given for the committed field '{field}'";
            if (!JsonNode.DeepEquals(Commit(form, value, salt), JsonNode.Parse(commitment.GetRawText())))
                return $"the text of '{field}' does not match its commitment";
        }

        return Replaced(committed, field => forms.ContainsKey(field) ? JsonbText.Of(clear.RootElement.GetProperty(field)) : null) == data
            ? null
            : "the data is not the committed data with its texts revealed: a field other than the committed texts differs";
    }

    /// <summary>A JSON object's text with the value of each field that <paramref name="replace"/> gives replaced by that text, every other byte kept.</summary>
    internal static string Replaced(string json, Func<string, string?> replace)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        var text = new StringBuilder();
        var copied = 0;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (replace(field) is not { } value)
                continue;
            text.Append(Encoding.UTF8.GetString(bytes, copied, start - copied)).Append(value);
            copied = (int)reader.BytesConsumed;
        }

        return text.Append(Encoding.UTF8.GetString(bytes, copied, bytes.Length - copied)).ToString();
    }

    /// <summary>
    /// The data as a reader who may not see the text reads it: the committed data with every commitment replaced by
    /// <see cref="Marker"/> in the shape the ledger's reads withhold it (a document keeps its hash, its uri reads null).
    /// </summary>
    public static string Withheld(string committed, string? commitments)
    {
        var data = JsonNode.Parse(committed)?.AsObject() ?? throw new FormatException("the committed data is null");
        foreach (var (field, form) in Parse(commitments))
        {
            data[field] = data[field] switch
            {
                JsonArray texts when form == Texts => new JsonArray([.. texts.Select(_ => (JsonNode)Marker)]),
                JsonArray documents when form == Documents => new JsonArray([.. documents.Select(d => (JsonNode)new JsonObject
                {
                    ["sha256"] = d?["sha256"]?.DeepClone(), ["title"] = Marker, ["uri"] = null,
                })]),
                null => throw new FormatException($"the committed field '{field}' is not in the data"),
                _ => Marker,
            };
        }

        return data.ToJsonString();
    }

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    private static byte[] Unit(byte[] salt, int index, params string?[] parts)
    {
        using var buffer = new MemoryStream();
        buffer.Write(salt);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, index);
        buffer.Write(number);
        foreach (var part in parts)
            LeafRecord.WriteField(buffer, part);
        return SHA256.HashData(buffer.ToArray());
    }

    private static JsonNode Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>A document as PostgreSQL prints <c>d - 'sha256'</c> for an object (everything but its hash), or <c>d</c> otherwise.</summary>
    private static string WithoutHash(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
            return JsonbText.Of(document);
        var rest = JsonNode.Parse(document.GetRawText())!.AsObject();
        rest.Remove("sha256");
        return JsonbText.Of(JsonSerializer.SerializeToElement(rest));
    }

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A value as PostgreSQL's <c>#&gt;&gt; '{}'</c> and <c>-&gt;&gt;</c> give it: a string unquoted, JSON null as null, anything else its JSON text.</summary>
    private static string? TextOf(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } other => other.GetRawText(),
    };
}
