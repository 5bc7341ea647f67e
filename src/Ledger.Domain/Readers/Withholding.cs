using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Readers;

/// <summary>
/// What one reader may see of the ledger's facts (product.md 11): the one place where confidential text is withheld,
/// for every surface (register, histories, feed, export, and whatever comes later). A fact's text is withheld when
/// the fact belongs to a confidential directive (its kind says which directive, and which of its fields are text)
/// and the reader is not cleared for it. Effects (models, person classes, times, ids, document hashes) are never
/// withheld. Withheld text reads as <see cref="Marker"/>, never as an error.
/// </summary>
public sealed class Withholding
{
    public const string Marker = "[withheld]";

    private readonly LedgerKnowledge known;
    private readonly Clearance reader;

    private Withholding(LedgerKnowledge known, Clearance reader) => (this.known, this.reader) = (known, reader);

    /// <summary>What <paramref name="reader"/> may see, judged on <paramref name="known"/>.</summary>
    public static Withholding For(LedgerKnowledge known, Clearance reader) => new(known, reader);

    /// <summary>Whether the reader may not see the confidential text of <paramref name="fact"/>.</summary>
    public bool Withholds(ILedgerFact fact) =>
        fact.Kind.DirectiveOf(fact, known) is { } directive && IsConfidential(directive) && !MaySee(directive);

    /// <summary>Whether the reader may see the text of this directive and of every fact that belongs to it.</summary>
    public bool MaySee(string directiveId) =>
        reader.SeesAll || reader.Organization is { } org && known.Find<DirectiveIssued>(directiveId)?.IsAddressedTo(org) == true;

    /// <summary>
    /// A directive is confidential when any recorded version of it says so (as issued, as corrected now, or by any
    /// correction of the flag), so correcting the flag away does not leak the text first recorded as confidential.
    /// </summary>
    public bool IsConfidential(string directiveId) =>
        known.Find(directiveId) is { } issued
        && (issued.Recorded.Fact is DirectiveIssued { Confidential: true } or DirectiveIssuedV1 { Confidential: true }
            || issued.Current is DirectiveIssued { Confidential: true }
            || issued.Corrections.Any(c => c.Fact is CorrectionRecorded { Field: "confidential", Value.ValueKind: JsonValueKind.True }));

    /// <summary>The fact as this reader may see it: itself, or a copy with its confidential text withheld.</summary>
    public T Apply<T>(T fact) where T : ILedgerFact =>
        Withholds(fact) ? (T)(Withhold(Serialize(fact), fact).Deserialize(fact.GetType(), LedgerJson.Options) ?? fact) : fact;

    /// <summary>The fact as JSON in the ledger's dialect, as this reader may see it.</summary>
    public JsonObject Json(ILedgerFact fact) => Withholds(fact) ? Withhold(Serialize(fact), fact) : Serialize(fact);

    /// <summary>
    /// The confidential text fields of <paramref name="fact"/>, each in the form it is withheld in: a correction's new
    /// value takes the form of the field it replaces, and is no text at all when that field is an effect. Fixed by
    /// the fact itself (a correction names the event it corrects, whose kind never changes), so the ledger can commit
    /// to these fields when it records the fact, before anyone knows whether its directive will be confidential.
    /// </summary>
    public static IEnumerable<ConfidentialText> TextsOf(ILedgerFact fact, LedgerKnowledge known) =>
        fact.Kind.ConfidentialFields
            .Select(text => text.Form != TextForm.CorrectedValue ? text
                : fact is CorrectionRecorded correction
                  && known.Find(correction.EventId)?.Current.Kind.ConfidentialFields.FirstOrDefault(t => t.Field == correction.Field) is { } replaced
                    ? text with { Form = replaced.Form == TextForm.CorrectedValue ? TextForm.Text : replaced.Form }
                    : null)
            .OfType<ConfidentialText>();

    private JsonObject Withhold(JsonObject json, ILedgerFact fact)
    {
        foreach (var text in TextsOf(fact, known).Where(t => json.ContainsKey(t.Field)))
            json[text.Field] = Withhold(text.Form, json[text.Field]);
        return json;
    }

    private static JsonNode? Withhold(TextForm form, JsonNode? value) => value is null
        ? null
        : form switch
        {
            TextForm.Text => Marker,
            TextForm.Texts => new JsonArray(value.AsArray().Select(_ => (JsonNode?)Marker).ToArray()),
            TextForm.Documents => new JsonArray(value.AsArray()
                .Select(d => (JsonNode?)new JsonObject { ["sha256"] = d?["sha256"]?.DeepClone(), ["title"] = Marker, ["uri"] = null })
                .ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "a form of confidential text without a way to withhold it"),
        };

    private static JsonObject Serialize(ILedgerFact fact) => JsonSerializer.SerializeToNode(fact, fact.GetType(), LedgerJson.Options)!.AsObject();
}
