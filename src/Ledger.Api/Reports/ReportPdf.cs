using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Reports;
using PdfSharp.Pdf;

namespace Ledger.Api.Reports;

/// <summary>
/// A report on paper: the question in words, its coordinates in UTC and in the zone of each directive it rests on, the
/// answer as a table (continued over pages), the facts it rests on with their three clocks, the signed checkpoint, the
/// pack's SHA-256, and how to verify it. The signed pack itself rides inside the PDF as an attached file
/// (<c>evidence-pack.json</c>, <c>pdfdetach -saveall</c>), so paper and proof travel together.
/// </summary>
internal static class ReportPdf
{
    public const string Attachment = "evidence-pack.json";

    public static byte[] Write(EvidencePack pack, byte[] packBytes, string packSha256)
    {
        DejaVuFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = Title(pack);
        document.Info.Subject = $"Directive Ledger report at position {pack.Position}, evidence pack SHA-256 {packSha256}";
        document.Info.Creator = "Directive Ledger";
        var pages = new PdfPages(document);
        var zones = pack.Basis
            .Where(b => b.Type.StartsWith("directive-issued", StringComparison.Ordinal))
            .Select(b => Str(b.Times["receivedTimeZone"]))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

        pages.Text(Title(pack), PdfPages.Title, 6);
        pages.Text(Question(pack), PdfPages.Body, 8);
        if (Str(pack.Answer["asOf"]) is { } asOf)
            pages.Text($"As of (effective time): {InZones(asOf, zones)}", PdfPages.Body);
        pages.Text($"As known at (recorded time): {(Str(pack.Answer["knownAt"]) is { } knownAt ? InZones(knownAt, zones) : "the beginning of the ledger")}", PdfPages.Body);
        pages.Text($"Ledger position: {pack.Position} (asking again with position={pack.Position} gives the same answer)", PdfPages.Body);
        pages.Text($"Asked by {pack.RequestedBy.Subject} ({string.Join(", ", pack.RequestedBy.Roles)}{(pack.RequestedBy.Organization is { } org ? $", organisation {org}" : "")}) at {pack.RequestedAt}" +
                   (pack.RequestedBy.Clearance.SeesAll ? "" : "; confidential directive text this reader may not see is withheld as [withheld]"), PdfPages.Body, 10);

        if (pack.Answer["cells"] is JsonArray cells)
            pages.Table(
                [("Model", 11), ("Organisation", 17), ("Person class", 11), ("Legal", 11), ("Provider", 9), ("Access", 7), ("Since (UTC)", 18), ("Basis", 11)],
                cells.Select(c => ((IReadOnlyList<string>)[
                    Str(c!["modelId"])!, Str(c["organizationId"])!, Str(c["personClass"])!, Str(c["legal"])!, Str(c["provider"])!, Str(c["access"])!,
                    Str(c["since"]) ?? "always", Positions(c["basis"])], Str(c["explanation"]))));
        else
            pages.Table(
                [("Position", 8), ("Type", 17), ("Effective (UTC)", 17), ("Recorded (UTC)", 17), ("Actor", 10), ("Withheld", 8), ("Basis", 10)],
                pack.Answer["entries"]!.AsArray().Select(e => ((IReadOnlyList<string>)[
                    Str(e!["times"]!["position"])!, Str(e["type"])!, Str(e["times"]!["effectiveAt"]) ?? "", Str(e["times"]!["recordedAt"])!,
                    Str(e["actor"]) ?? "", e["redacted"]!.GetValue<bool>() ? "yes" : "no", Positions(e["basis"])], (string?)e["fact"]!.ToJsonString())));

        pages.Text("The facts this answer rests on", PdfPages.Heading, 4);
        pages.Table(
            [("Position", 8), ("Event", 16), ("Type", 17), ("Effective", 14), ("Received (and local time, zone)", 23), ("Recorded", 15), ("Leaf", 5)],
            pack.Basis.Select(b => ((IReadOnlyList<string>)[
                Str(b.Position)!, b.EventId, b.Type, Str(b.Times["effectiveAt"]) ?? "", Received(b.Times), Str(b.Times["recordedAt"])!, Str(b.LeafIndex)!], (string?)null)));

        var checkpoint = Checkpoint.ParseBody(SignedNote.Parse(pack.Checkpoint.Note).Text);
        pages.Text("Signed checkpoint", PdfPages.Heading, 4);
        pages.Text($"Log {checkpoint.Origin}, tree size {pack.Checkpoint.TreeSize} (up to position {pack.Checkpoint.LastPosition}), root {pack.Checkpoint.RootHash}", PdfPages.Body);
        pages.Text(pack.Checkpoint.Note, PdfPages.Mono, 8);
        pages.Text("Evidence pack", PdfPages.Heading, 4);
        pages.Text($"SHA-256 of the evidence pack: {packSha256}", PdfPages.Body);
        pages.Text("The ledger's signature over the pack (a C2SP signed note over the SHA-256 of its RFC 8785 form without this signature):", PdfPages.Body);
        pages.Text(pack.Signature!, PdfPages.Mono, 8);
        pages.Text("How to verify this", PdfPages.Heading, 4);
        pages.Text(
            $"The signed evidence pack is attached to this PDF as {Attachment} (pdfdetach -saveall report.pdf), and is served again by the same " +
            $"request with format=json. Check that sha256sum {Attachment} prints the SHA-256 above. With the ledger's verifier key (GET /api/ledger/key), run " +
            $"ledger-verify report --report {Attachment} --key ledger.key: it checks the ledger's signature over the pack, the checkpoint's signature and the " +
            $"inclusion proof of every fact listed above, with no database and no trust in the service. Add --bundle ledger-bundle.ndjson (GET /api/ledger/export?to={pack.Checkpoint.LastPosition}) " +
            "and it recomputes every row of the table from the ledger's own facts with the ledger's own rules, and names the first row that disagrees.",
            PdfPages.Body);

        pages.Footers($"{Title(pack)} at position {pack.Position} · evidence pack SHA-256 {packSha256[..16]}…");
        document.AddEmbeddedFile(Attachment, new MemoryStream(packBytes));
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static string Title(EvidencePack pack) => pack.Report switch
    {
        "access-matrix" => "Access matrix report",
        "organization-history" => $"History of organisation {Str(pack.Answer["subject"])}",
        _ => $"History of model {Str(pack.Answer["subject"])}",
    };

    private static string Question(EvidencePack pack)
    {
        var knownAt = Str(pack.Answer["knownAt"]) ?? $"position {pack.Position}";
        if (pack.Report != "access-matrix")
            return $"What had the ledger recorded about {Str(pack.Answer["subject"])}, as known at {knownAt} (ledger position {pack.Position}), " +
                   "in the order it was recorded, with the three clocks of each fact, who recorded it and every correction?";
        var model = Str(pack.Query["modelId"]) is { } m ? m : "each model";
        var organization = Str(pack.Query["organizationId"]) is { } o ? $"organisation {o}" : "each registered organisation (and * for everyone else)";
        return $"Who could use {model} at {Str(pack.Answer["asOf"])}: {organization}, for US persons and foreign persons, " +
               $"as the ledger knew it at {knownAt} (ledger position {pack.Position})?";
    }

    private static string InZones(string instant, IReadOnlyList<string> zones)
    {
        var at = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
        var text = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        foreach (var zone in zones)
            text += $"; {Domain.Admission.Fields.InZone(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} in {zone} (the directive's zone)";
        return text;
    }

    private static string Received(JsonObject times) =>
        Str(times["receivedAt"]) is { } at ? $"{at} ({Str(times["receivedLocalTime"])} {Str(times["receivedTimeZone"])})" : "";

    private static string Positions(JsonNode? basis) => string.Join(' ', basis!.AsArray().Select(b => Str(b!["position"])));

    private static string? Str(JsonNode? node) => node is JsonValue value ? value.TryGetValue<string>(out var s) ? s : value.ToJsonString() : null;

    private static string? Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
