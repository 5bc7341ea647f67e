using Ledger.Integrity.Bundles;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Register;
using Ledger.Domain.Vocabulary;
using Ledger.Integrity.Reports;

namespace Ledger.Verifier.Reports;

/// <summary>
/// Recomputes a report from the ledger's own facts with the ledger's own pure code (<see cref="LedgerKnowledge.Fold"/>,
/// <see cref="AccessMatrix"/>, <see cref="AuditTrail"/>, <see cref="Withholding"/>): every fact up to the pack's position
/// is folded, and every cell or entry the query implies is compared with the pack's, field by field, in the JSON the
/// service writes. Withheld text (the marker) changes no cell: effects are never withheld.
/// </summary>
public static class Recomputation
{
    private static readonly IReadOnlyDictionary<string, Type> TypesByName = LedgerEventTypes.Names.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The JSON the service answers in (web defaults and the ledger's dialect), so equal answers are equal JSON.</summary>
    private static readonly JsonSerializerOptions Answer = LedgerJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>What was recomputed, or the first disagreement in words.</summary>
    public sealed record Outcome(string? Disagreement, int Rows);

    /// <param name="events">the verified events of the log in position order, through at least the pack's position</param>
    public static Outcome Check(EvidencePack pack, IReadOnlyList<VerifiedEvent> events)
    {
        var head = events.Count == 0 ? 0 : events[^1].Position;
        if (head < pack.Position)
            return Disagree($"the bundle ends at position {head}, before the pack's position {pack.Position}: export to at least {pack.Position}");

        var atPosition = LedgerKnowledge.Empty;
        var latest = LedgerKnowledge.Empty;
        foreach (var recorded in events)
        {
            if (!TypesByName.TryGetValue(recorded.Type, out var type))
                return Disagree($"the event at position {recorded.Position} has type {recorded.Type}, which this verifier does not know");
            var fact = (ILedgerFact)JsonSerializer.Deserialize(recorded.Data, type, LedgerJson.Options)!;
            latest = latest.Evolve(new RecordedFact(fact, recorded.Position, recorded.Version, recorded.RecordedAt, recorded.UserName));
            if (recorded.Position <= pack.Position)
                atPosition = latest;
        }

        if (Coordinates(pack, events) is { } wrong)
            return Disagree(wrong);
        var reader = Withholding.For(latest, new Clearance(pack.RequestedBy.Clearance.SeesAll, pack.RequestedBy.Clearance.Organization));
        return pack.Report switch
        {
            "access-matrix" => Cells(pack, atPosition),
            "organization-history" => Entries(pack, atPosition, reader, organization: true),
            "model-history" => Entries(pack, atPosition, reader, organization: false),
            _ => Disagree($"the pack is a report of kind '{pack.Report}', which this verifier does not know"),
        };
    }

    /// <summary>A read by position or by knownAt stands where the facts put it.</summary>
    private static string? Coordinates(EvidencePack pack, IReadOnlyList<VerifiedEvent> events)
    {
        var lastBefore = events.LastOrDefault(e => e.Position <= pack.Position);
        if (Text(pack.Query["position"]) is { } asked)
            return asked == pack.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) ? null
                : $"the query asked for position {asked}, the pack answers at {pack.Position}";
        if (Text(pack.Query["knownAt"]) is { } knownAt && Rfc3339InstantConverter.TryParse(knownAt, out var instant))
        {
            var implied = events.LastOrDefault(e => e.RecordedAt <= instant)?.Position ?? 0;
            return implied == pack.Position ? null
                : $"the query asked as known at {knownAt}; the facts recorded by then end at position {implied}, the pack answers at {pack.Position}";
        }

        return lastBefore is null && pack.Position > 0 ? $"no fact is recorded at or before the pack's position {pack.Position}" : null;
    }

    private static Outcome Cells(EvidencePack pack, LedgerKnowledge known)
    {
        if (!Rfc3339InstantConverter.TryParse(Text(pack.Answer["asOf"]), out var asOf))
            return Disagree("the pack's answer has no asOf instant");
        if (Text(pack.Query["asOf"]) is { } askedAsOf && (!Rfc3339InstantConverter.TryParse(askedAsOf, out var asked) || asked != asOf))
            return Disagree($"the query asked as of {askedAsOf}, the pack answers as of {Text(pack.Answer["asOf"])}");
        var modelId = Text(pack.Query["modelId"]);
        var organizationId = Text(pack.Query["organizationId"]);
        if (modelId is not null && known.Find<ModelRegistered>(modelId) is null)
            return Disagree($"the facts know no model {modelId} at position {pack.Position}");
        if (organizationId is not null && organizationId != FactIds.Everyone && known.Find<OrganizationRegistered>(organizationId) is null)
            return Disagree($"the facts know no organisation {organizationId} at position {pack.Position}");

        var implied = AccessMatrix.Evaluate(known, asOf, modelId, organizationId)
            .ToDictionary(Key, c => JsonSerializer.SerializeToNode(c, Answer)!);
        if (pack.Answer["cells"] is not JsonArray cells)
            return Disagree("the pack's answer has no cells");
        var seen = new HashSet<string>();
        foreach (var cell in cells)
        {
            var key = $"{Text(cell?["modelId"])} × {Text(cell?["organizationId"])} × {Text(cell?["personClass"])}";
            if (!seen.Add(key))
                return Disagree($"cell {key} appears twice in the pack");
            if (!implied.TryGetValue(key, out var expected))
                return Disagree($"cell {key} is in the pack, but the facts up to position {pack.Position} imply no such cell");
            if (FirstDifference(cell, expected, "") is { } difference)
                return Disagree($"cell {key}: the pack says {Describe(difference.Path, difference.Pack)}, the facts imply {Describe(difference.Path, difference.Facts)}");
        }

        return implied.Keys.FirstOrDefault(k => !seen.Contains(k)) is { } missing
            ? Disagree($"cell {missing} is missing from the pack: the facts imply it ({Text(implied[missing]["access"])})")
            : new Outcome(null, cells.Count);
    }

    private static Outcome Entries(EvidencePack pack, LedgerKnowledge known, Withholding reader, bool organization)
    {
        var subject = Text(pack.Answer["subject"]) ?? "";
        IReadOnlyList<AuditEntry> implied;
        if (organization)
            implied = known.Find<OrganizationRegistered>(subject) is null ? [] : AuditTrail.OfOrganization(known, subject, reader);
        else
            implied = known.Find<ModelRegistered>(subject) is null ? [] : AuditTrail.OfModel(known, subject, reader);
        if (implied.Count == 0)
            return Disagree($"the facts know no {(organization ? "organisation" : "model")} {subject} at position {pack.Position}");
        if (pack.Answer["entries"] is not JsonArray entries)
            return Disagree("the pack's answer has no entries");
        for (var i = 0; i < Math.Max(entries.Count, implied.Count); i++)
        {
            if (i >= entries.Count)
                return Disagree($"entry {implied[i].EventId} (position {implied[i].Times.Position}) is missing from the pack: the facts imply it");
            var entry = entries[i];
            var name = $"entry {Text(entry?["eventId"])} (position {Text(entry?["times"]?["position"])})";
            if (i >= implied.Count)
                return Disagree($"{name} is in the pack, but the facts up to position {pack.Position} imply no more entries");
            if (FirstDifference(entry, JsonSerializer.SerializeToNode(implied[i], Answer), "") is { } difference)
                return Disagree($"{name}: the pack says {Describe(difference.Path, difference.Pack)}, the facts imply {Describe(difference.Path, difference.Facts)}");
        }

        return new Outcome(null, entries.Count);
    }

    private sealed record Difference(string Path, JsonNode? Pack, JsonNode? Facts);

    private static Difference? FirstDifference(JsonNode? pack, JsonNode? facts, string path)
    {
        if (pack is JsonObject packObject && facts is JsonObject factsObject)
            return factsObject.Select(p => p.Key).Union(packObject.Select(p => p.Key), StringComparer.Ordinal)
                .Select(name => FirstDifference(packObject[name], factsObject[name], path.Length == 0 ? name : $"{path}.{name}"))
                .FirstOrDefault(d => d is not null);
        if (pack is JsonArray packArray && facts is JsonArray factsArray && packArray.Count == factsArray.Count)
            return packArray.Select((item, i) => FirstDifference(item, factsArray[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
        return JsonNode.DeepEquals(pack, facts) ? null : new Difference(path, pack, facts);
    }

    private static string Describe(string path, JsonNode? value) => $"{path} {value?.ToJsonString() ?? "nothing"}";

    private static string Key(AccessCell cell) => $"{cell.ModelId} × {cell.OrganizationId} × {Wire(cell.PersonClass)}";

    private static string Wire(PersonClass personClass) => JsonSerializer.SerializeToNode(personClass, Answer)!.GetValue<string>();

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static Outcome Disagree(string disagreement) => new(disagreement, 0);
}
