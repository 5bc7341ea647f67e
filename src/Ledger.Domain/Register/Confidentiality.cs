using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Register;

/// <summary>
/// What a reader without clearance sees of a confidential directive: its effects (scope, times, status, easings,
/// the hashes of its documents) but not its text: reference, rationale, document titles and URIs are withheld.
/// A directive is addressed to the organisations registered as addressees; a reader whose organisation is one of
/// them, or who has full clearance, sees it whole. A directive counts as confidential when any recorded version
/// of it says so, so correcting the flag away cannot leak the text of the version first recorded.
/// </summary>
public static class Confidentiality
{
    public const string Withheld = "[withheld]";

    private static readonly HashSet<string> TextFields = ["reference", "rationale", "documents"];

    public static bool MaySee(LedgerKnowledge known, Clearance clearance) =>
        clearance.SeesAll
        || clearance.Organization is { } org && known.Find<OrganizationRegistered>(org) is { IsAddressee: true };

    public static bool IsConfidential(LedgerKnowledge known, string directiveId) =>
        known.Find(directiveId) is { } fact
        && (fact.Current is DirectiveIssued { Confidential: true } || fact.Recorded.Fact is DirectiveIssued { Confidential: true });

    public static DirectiveEntry ForReader(LedgerKnowledge known, DirectiveEntry entry, Clearance clearance) =>
        !IsConfidential(known, entry.DirectiveId) || MaySee(known, clearance)
            ? entry
            : entry with
            {
                Reference = Withheld,
                Rationale = entry.Rationale is null ? null : Withheld,
                Documents = Withhold(entry.Documents),
                Redacted = true,
            };

    public static AuditEntry ForReader(LedgerKnowledge known, AuditEntry entry, Clearance clearance)
    {
        var directive = DirectiveOf(entry.Fact);
        if (directive is null || !IsConfidential(known, directive) || MaySee(known, clearance))
            return entry;
        return entry with
        {
            Fact = Withhold(entry.Fact),
            AsFirstRecorded = entry.AsFirstRecorded is null ? null : Withhold(entry.AsFirstRecorded),
            Corrections = entry.Corrections.Select(c => TextFields.Contains(c.Field) ? c with { Value = Withhold(c.Field, c.Value) } : c).ToList(),
            Redacted = true,
        };
    }

    private static string? DirectiveOf(object fact) => fact switch
    {
        DirectiveIssued d => d.DirectiveId,
        DirectiveAmended a => a.DirectiveId,
        EasingGranted e => e.DirectiveId,
        DirectiveRescinded r => r.DirectiveId,
        _ => null,
    };

    private static object Withhold(object fact) => fact switch
    {
        DirectiveIssued d => d with
        {
            Reference = Withheld,
            Rationale = d.Rationale is null ? null : Withheld,
            Documents = Withhold(d.Documents),
        },
        DirectiveAmended a => a with { Documents = Withhold(a.Documents) },
        EasingGranted e => e with { Documents = Withhold(e.Documents) },
        DirectiveRescinded r => r with { Documents = Withhold(r.Documents) },
        _ => fact,
    };

    private static IReadOnlyList<SourceDocument> Withhold(IReadOnlyList<SourceDocument> documents) =>
        documents.Select(d => new SourceDocument(d.Sha256, Withheld)).ToList();

    /// <summary>A correction's new value of a text field, withheld the same way as the field itself.</summary>
    private static JsonElement Withhold(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return value;
        JsonNode? node = field == "documents" && value.ValueKind == JsonValueKind.Array
            ? new JsonArray(value.EnumerateArray()
                .Select(d => (JsonNode?)new JsonObject
                {
                    ["sha256"] = d.ValueKind == JsonValueKind.Object && d.TryGetProperty("sha256", out var sha) ? JsonNode.Parse(sha.GetRawText()) : null,
                    ["title"] = Withheld,
                })
                .ToArray())
            : JsonValue.Create(Withheld);
        return JsonSerializer.SerializeToElement(node, LedgerJson.Options);
    }
}
