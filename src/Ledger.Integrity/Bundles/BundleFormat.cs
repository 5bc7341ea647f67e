using System.Text.Json;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Leaves;

namespace Ledger.Integrity.Bundles;

/// <summary>
/// The export bundle, one JSON object per line (NDJSON), in this order:
/// <list type="number">
/// <item>a header: <c>{"format":"directive-ledger/bundle/v1","origin","verifierKey","to","treeSize"}</c>;</item>
/// <item>one line per ledger event in leaf order: <c>{"leaf","id","position","stream","version","type","tenant",
/// "recordedAt","correlationId","causationId","userName","headers","data"}</c>, where <c>data</c> is the stored jsonb
/// text embedded verbatim and <c>headers</c> is that text as a string (or null);</item>
/// <item>or, for an event the reader may not see, <c>{"leaf","position","withheld":"&lt;why&gt;","leafHash"}</c>: its content
/// stays out of the bundle, its place in the log is still proven by its leaf hash;</item>
/// <item>signed checkpoints, <c>{"checkpoint":"&lt;signed note&gt;"}</c>, the last one at exactly the bundle's tree size;</item>
/// <item>a trailer, <c>{"end":true,"events":n,"checkpoints":m}</c>, so a cut-off download is never mistaken for a short log.</item>
/// </list>
/// </summary>
public static class BundleFormat
{
    public const string Version = "directive-ledger/bundle/v1";

    /// <summary>The only reason a bundle withholds an event; a fixed word, so no byte of a bundle goes unchecked.</summary>
    public const string Confidential = "confidential";

    public static void WriteHeader(Utf8JsonWriter json, string origin, NoteVerifierKey key, long to, long treeSize)
    {
        json.WriteStartObject();
        json.WriteString("format", Version);
        json.WriteString("origin", origin);
        json.WriteString("verifierKey", key.ToString());
        json.WriteNumber("to", to);
        json.WriteNumber("treeSize", treeSize);
        json.WriteEndObject();
    }

    public static void WriteEvent(Utf8JsonWriter json, long leafIndex, LeafRecord leaf)
    {
        json.WriteStartObject();
        json.WriteNumber("leaf", leafIndex);
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
        json.WritePropertyName("data");
        json.WriteRawValue(leaf.Data, skipInputValidation: false);
        json.WriteEndObject();
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
