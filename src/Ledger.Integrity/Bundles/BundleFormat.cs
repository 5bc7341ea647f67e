using System.Text.Json;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Leaves;

namespace Ledger.Integrity.Bundles;

/// <summary>
/// The export bundle, one JSON object per line (NDJSON), in this order:
/// <list type="number">
/// <item>a header: <c>{"format":"directive-ledger/bundle/v2","origin","verifierKey","to","treeSize"}</c>;</item>
/// <item>one line per ledger event in leaf order. A <c>leaf/v1</c> event: <c>{"leaf","id","position","stream","version","type","tenant",
/// "recordedAt","correlationId","causationId","userName","headers","data"}</c>, where <c>data</c> is the stored jsonb
/// text embedded verbatim and <c>headers</c> is that text as a string (or null); a <c>leaf/v2</c> event: the same
/// with <c>"leafVersion":2</c> after <c>leaf</c> and, before <c>data</c>, <c>"commitments"</c> (a string or null) and,
/// when there are commitments, <c>"salts"</c> (field to hex) and <c>"committed"</c> (the committed data, verbatim);</item>
/// <item>or, for a <c>leaf/v2</c> event the reader may not see: every field of its leaf, <c>"withheld":"&lt;why&gt;"</c> and
/// <c>"committed"</c>, but neither salts nor data: it still hashes to its leaf, so its position is bound;</item>
/// <item>or, for a <c>leaf/v1</c> event the reader may not see, <c>{"leaf","position","withheld":"&lt;why&gt;","leafHash"}</c>: its content
/// stays out of the bundle, its place in the log is still proven by its leaf hash;</item>
/// <item>signed checkpoints, <c>{"checkpoint":"&lt;signed note&gt;"}</c>, the last one at exactly the bundle's tree size;</item>
/// <item>a trailer, <c>{"end":true,"events":n,"checkpoints":m}</c>, so a cut-off download is never mistaken for a short log.</item>
/// </list>
/// </summary>
public static class BundleFormat
{
    public const string Version = "directive-ledger/bundle/v2";

    /// <summary>The format before <c>leaf/v2</c>: only v1 lines. The verifier still reads it.</summary>
    public const string VersionV1 = "directive-ledger/bundle/v1";

    /// <summary>The only reason a bundle withholds an event; a fixed word, so no byte of a bundle goes unchecked.</summary>
    public const string Confidential = "confidential";

    public static void WriteHeader(Utf8JsonWriter json, string origin, NoteVerifierKey key, long to, long treeSize, string version = Version)
    {
        json.WriteStartObject();
        json.WriteString("format", version);
        json.WriteString("origin", origin);
        json.WriteString("verifierKey", key.ToString());
        json.WriteNumber("to", to);
        json.WriteNumber("treeSize", treeSize);
        json.WriteEndObject();
    }

    /// <summary>
    /// The line of one sealed event for its reader: whole; or, when <paramref name="withheld"/> gives why the reader may
    /// not see its text, a <c>leaf/v2</c> with its texts as commitments (an event with none has nothing to withhold)
    /// and a <c>leaf/v1</c> as its leaf hash alone.
    /// </summary>
    /// <param name="data">the stored data (for a <c>leaf/v2</c>, the leaf carries the committed data)</param>
    /// <param name="salts">the salts of a <c>leaf/v2</c>'s committed fields</param>
    public static void WriteSealed(Utf8JsonWriter json, long leafIndex, LeafRecord leaf, string data, IReadOnlyDictionary<string, byte[]> salts, string? withheld)
    {
        if (leaf.LeafVersion == 1 && withheld is not null)
            WriteWithheld(json, leafIndex, leaf.Position, withheld, leaf.LeafHash());
        else if (leaf.LeafVersion == 1)
            WriteEvent(json, leafIndex, leaf);
        else if (leaf.Commitments is not null && withheld is not null)
            WriteWithheldV2(json, leafIndex, leaf, withheld);
        else
            WriteEventV2(json, leafIndex, leaf, data, salts);
    }

    public static void WriteEvent(Utf8JsonWriter json, long leafIndex, LeafRecord leaf)
    {
        json.WriteStartObject();
        json.WriteNumber("leaf", leafIndex);
        WriteLeafFields(json, leaf);
        json.WritePropertyName("data");
        json.WriteRawValue(leaf.Data, skipInputValidation: false);
        json.WriteEndObject();
    }

    /// <summary>A <c>leaf/v2</c> event for a reader who may see it: its data, and the salts that tie its text to the commitments.</summary>
    /// <param name="data">the stored data (the leaf carries the committed data)</param>
    public static void WriteEventV2(Utf8JsonWriter json, long leafIndex, LeafRecord leaf, string data, IReadOnlyDictionary<string, byte[]> salts)
    {
        json.WriteStartObject();
        json.WriteNumber("leaf", leafIndex);
        json.WriteNumber("leafVersion", 2);
        WriteLeafFields(json, leaf);
        json.WriteString("commitments", leaf.Commitments);
        if (leaf.Commitments is not null)
        {
            json.WriteStartObject("salts");
            foreach (var (field, _) in TextCommitments.Parse(leaf.Commitments))
                json.WriteString(field, salts.TryGetValue(field, out var salt) ? Convert.ToHexStringLower(salt) : null);
            json.WriteEndObject();
            json.WritePropertyName("committed");
            json.WriteRawValue(leaf.Data, skipInputValidation: false);
        }

        json.WritePropertyName("data");
        json.WriteRawValue(data, skipInputValidation: false);
        json.WriteEndObject();
    }

    /// <summary>A <c>leaf/v2</c> event whose text the reader may not see: the whole leaf with its texts as commitments, no salt.</summary>
    public static void WriteWithheldV2(Utf8JsonWriter json, long leafIndex, LeafRecord leaf, string reason)
    {
        json.WriteStartObject();
        json.WriteNumber("leaf", leafIndex);
        json.WriteNumber("leafVersion", 2);
        WriteLeafFields(json, leaf);
        json.WriteString("commitments", leaf.Commitments);
        json.WriteString("withheld", reason);
        json.WritePropertyName("committed");
        json.WriteRawValue(leaf.Data, skipInputValidation: false);
        json.WriteEndObject();
    }

    private static void WriteLeafFields(Utf8JsonWriter json, LeafRecord leaf)
    {
        json.WriteString("id", leaf.Id.ToString("D"));
        json.WriteNumber("position", leaf.Position);
        json.WriteString("stream", leaf.StreamId);
        json.WriteNumber("version", leaf.Version);
        json.WriteString("type", leaf.Type);
        json.WriteString("tenant", leaf.TenantId);
        json.WriteString("recordedAt", LeafRecord.FormatTime(leaf.RecordedAt));
        json.WriteString("correlationId", leaf.CorrelationId);
        json.WriteString("causationId", leaf.CausationId);
        json.WriteString("userName", leaf.UserName);
        json.WriteString("headers", leaf.Headers);
    }

    public static void WriteWithheld(Utf8JsonWriter json, long leafIndex, long position, string reason, byte[] leafHash)
    {
        json.WriteStartObject();
        json.WriteNumber("leaf", leafIndex);
        json.WriteNumber("position", position);
        json.WriteString("withheld", reason);
        json.WriteString("leafHash", Convert.ToBase64String(leafHash));
        json.WriteEndObject();
    }

    public static void WriteCheckpoint(Utf8JsonWriter json, SignedNote note)
    {
        json.WriteStartObject();
        json.WriteString("checkpoint", note.ToString());
        json.WriteEndObject();
    }

    public static void WriteTrailer(Utf8JsonWriter json, long events, int checkpoints)
    {
        json.WriteStartObject();
        json.WriteBoolean("end", true);
        json.WriteNumber("events", events);
        json.WriteNumber("checkpoints", checkpoints);
        json.WriteEndObject();
    }
}
