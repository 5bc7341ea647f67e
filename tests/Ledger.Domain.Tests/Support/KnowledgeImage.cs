using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Ledger.Domain.Json;

namespace Ledger.Domain.Tests.Support;

/// <summary>
/// A knowledge written out by value, so two values folded apart can be compared: every public property of
/// <see cref="LedgerKnowledge"/> (found by reflection, so an index added later is compared too), dictionaries in key
/// order, facts as their stored JSON. The records themselves compare their immutable collections by reference.
/// </summary>
public static class KnowledgeImage
{
    private static readonly PropertyInfo[] Properties =
        typeof(LedgerKnowledge).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();

    public static string Of(LedgerKnowledge known)
    {
        var image = new StringBuilder();
        foreach (var property in Properties)
            image.Append(property.Name).Append(": ").Append(Render(property.GetValue(known))).AppendLine();
        return image.ToString();
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        string text => text,
        ILedgerFact fact => JsonSerializer.Serialize(fact, fact.GetType(), LedgerJson.Options),
        RecordedFact r => $"#{r.Position} v{r.StreamVersion} {r.RecordedAt:O} {r.Actor} {Render(r.Fact)}",
        KnownFact k => $"{{{Render(k.Recorded)} now {Render(k.Current)} corrected by {Render(k.Corrections)}}}",
        Filed f => $"{f.At:O} {Render(f.Fact)}",
        IDictionary dictionary => "{" + string.Join(", ", dictionary.Keys.Cast<object>()
            .Select(key => (Key: Render(key), Value: Render(dictionary[key])))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => $"{entry.Key} = {entry.Value}")) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Render)) + "]",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
