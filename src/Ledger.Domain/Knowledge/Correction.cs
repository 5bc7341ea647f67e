using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;

namespace Ledger.Domain.Knowledge;

/// <summary>
/// How a correction replaces one top-level field of a fact: on the fact's JSON, through the same strict dialect
/// as a write, so a corrected fact is exactly a fact a client could have written.
/// </summary>
public static class Correction
{
    /// <summary>The correctable fields of a fact: its top-level JSON members, less its identity.</summary>
    public static IReadOnlyList<string> FieldsOf(ILedgerFact fact) =>
        Serialize(fact).Select(member => member.Key).Where(name => !fact.Kind.IdentityFields.Contains(name)).ToList();

    /// <summary>Returns the fact with <paramref name="field"/> replaced; throws <see cref="JsonException"/> when the result breaks the fact's schema.</summary>
    public static ILedgerFact Apply(ILedgerFact fact, string field, JsonElement value)
    {
        var json = Serialize(fact);
        json[field] = JsonNode.Parse(value.GetRawText());
        return (ILedgerFact)(json.Deserialize(fact.GetType(), LedgerJson.Options)
                             ?? throw new JsonException("a fact cannot be null"));
    }

    private static JsonObject Serialize(ILedgerFact fact) =>
        JsonSerializer.SerializeToNode(fact, fact.GetType(), LedgerJson.Options)!.AsObject();
}
