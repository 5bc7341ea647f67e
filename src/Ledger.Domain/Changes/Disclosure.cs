using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Changes;

/// <summary>
/// What a subscriber may see of a recorded fact (product.md section 7 and 10.19): everything, except that for a
/// confidential directive the reference, the rationale, the easing conditions and the documents' titles and URIs are
/// withheld (document hashes are kept, so evidence can still be matched). This holds for the directive's own
/// amendments, easings and rescissions, and for corrections of any of them, whose new value and reason are withheld
/// when they touch such a field. A directive counts as confidential if it was so before or after the fact, so a
/// correction that declassifies it does not itself leak what it corrects.
/// </summary>
public static class Disclosure
{
    public const string Withheld = "withheld: confidential directive";

    private static readonly IReadOnlySet<string> ConfidentialFields = new HashSet<string> { "reference", "rationale", "conditions", "documents" };

    /// <summary>The fact as JSON in the ledger's dialect, with confidential text withheld.</summary>
    public static JsonObject Disclose(ILedgerFact fact, LedgerKnowledge before, LedgerKnowledge after)
    {
        var json = JsonSerializer.SerializeToNode(fact, fact.GetType(), LedgerJson.Options)!.AsObject();
        if (!IsConfidential(fact, before, after))
            return json;

        if (fact is CorrectionRecorded correction)
        {
            if (ConfidentialFields.Contains(correction.Field))
                json["value"] = Withhold(correction.Field, json["value"]);
            json["reason"] = Withheld;
            return json;
        }

        foreach (var field in ConfidentialFields.Where(json.ContainsKey))
            json[field] = Withhold(field, json[field]);
        return json;
    }

    /// <summary>Whether the fact belongs to (or corrects a fact of) a directive that is confidential before or after it.</summary>
    public static bool IsConfidential(ILedgerFact fact, LedgerKnowledge before, LedgerKnowledge after)
    {
        var subject = fact is CorrectionRecorded c ? after.Find(c.EventId)?.Current : fact;
        return DirectiveOf(subject) is { } directiveId
               && (before.Find<DirectiveIssued>(directiveId)?.Confidential == true
                   || after.Find<DirectiveIssued>(directiveId)?.Confidential == true
                   || (fact as DirectiveIssued)?.Confidential == true);
    }

    private static string? DirectiveOf(ILedgerFact? fact) => fact switch
    {
        DirectiveIssued d => d.DirectiveId,
        DirectiveAmended a => a.DirectiveId,
        EasingGranted e => e.DirectiveId,
        DirectiveRescinded r => r.DirectiveId,
        _ => null,
    };

    private static JsonNode? Withhold(string field, JsonNode? value) => field switch
    {
        "documents" when value is JsonArray documents => new JsonArray(documents
            .Select(d => (JsonNode?)new JsonObject { ["sha256"] = d?["sha256"]?.DeepClone(), ["title"] = Withheld, ["uri"] = null })
            .ToArray()),
        "conditions" when value is JsonArray => new JsonArray(),
        _ => Withheld,
    };
}
