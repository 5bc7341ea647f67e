using System.Text;
using System.Text.Json.Nodes;
using Ledger.Integrity.Reports;

namespace Ledger.Api.Reports;

/// <summary>
/// A report as a spreadsheet's rows (RFC 4180: CRLF, fields quoted where they hold a comma, quote or line break):
/// one row per cell or history entry, with the positions of the facts it rests on, its explanation, and on every row
/// the pack's position and SHA-256, so each row ties back to the signed pack it was cut from.
/// </summary>
internal static class ReportCsv
{
    public static byte[] Write(EvidencePack pack, string packSha256)
    {
        var csv = new StringBuilder();
        var rows = pack.Answer["cells"] is JsonArray cells ? Cells(cells) : Entries(pack.Answer["entries"]!.AsArray());
        foreach (var row in rows.Select((fields, i) => i == 0 ? fields.Append("position").Append("packSha256") : fields.Append(Text(pack.Position)).Append(packSha256)))
            csv.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static IEnumerable<IEnumerable<string>> Cells(JsonArray cells) =>
        cells.Select(c => (IEnumerable<string>)[
                Text(c!["modelId"]), Text(c["organizationId"]), Text(c["personClass"]), Text(c["legal"]), Text(c["provider"]), Text(c["access"]),
                Text(c["since"]), Positions(c["basis"]), Text(c["explanation"])])
            .Prepend(["modelId", "organizationId", "personClass", "legal", "provider", "access", "since", "basisPositions", "explanation"]);

    private static IEnumerable<IEnumerable<string>> Entries(JsonArray entries) =>
        entries.Select(e => (IEnumerable<string>)[
                Text(e!["times"]!["position"]), Text(e["eventId"]), Text(e["type"]), Text(e["streamId"]), Text(e["actor"]),
                Text(e["times"]!["effectiveAt"]), Text(e["times"]!["recordedAt"]), Text(e["redacted"]),
                Positions(e["basis"]), string.Join(' ', e["corrections"]!.AsArray().Select(c => Text(c!["position"]))), e["fact"]!.ToJsonString()])
            .Prepend(["entryPosition", "eventId", "type", "streamId", "actor", "effectiveAt", "recordedAt", "redacted", "basisPositions", "correctionPositions", "fact"]);

    private static string Positions(JsonNode? basis) => string.Join(' ', basis!.AsArray().Select(b => Text(b!["position"])));

    private static string Text(object? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonNode node => node.ToJsonString(),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
