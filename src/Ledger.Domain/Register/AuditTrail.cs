using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Register;

/// <summary>
/// The ordered audit timelines of product.md section 6: everything the ledger recorded about an organisation or
/// a model, in position order, as known at one position and as one reader may see it. Which facts concern an
/// organisation or a model, and what each rests on, is each kind's to say.
/// </summary>
public static class AuditTrail
{
    /// <summary>The organisation's registration, vettings and revocations, and every provider act naming it.</summary>
    public static IReadOnlyList<AuditEntry> OfOrganization(LedgerKnowledge known, string organizationId, Withholding reader) =>
        Entries(known, reader, fact => fact.Kind.ConcernsOrganization(fact, organizationId));

    /// <summary>The model's registration, the directives, amendments, easings and rescissions naming it, and its provider acts.</summary>
    public static IReadOnlyList<AuditEntry> OfModel(LedgerKnowledge known, string modelId, Withholding reader) =>
        Entries(known, reader, fact => fact.Kind.ConcernsModel(fact, modelId, known));

    private static IReadOnlyList<AuditEntry> Entries(LedgerKnowledge known, Withholding reader, Func<ILedgerFact, bool> about) =>
        known.Facts.Values
            .Where(f => about(f.Current))
            .OrderBy(f => f.Position)
            .Select(f => Entry(known, reader, f))
            .ToList();

    private static AuditEntry Entry(LedgerKnowledge known, Withholding reader, KnownFact fact) => new(
        fact.Id,
        fact.Recorded.Type,
        fact.Recorded.Fact.StreamId,
        fact.Recorded.StreamVersion,
        fact.Recorded.Actor,
        FactTimes.Of(fact),
        reader.Apply(fact.Current),
        fact.Corrections.Count > 0 ? reader.Apply(fact.Recorded.Fact) : null,
        fact.Current.Kind.References(fact.Current).Select(known.Find).OfType<KnownFact>().Select(AccessSemantics.Basis).ToList(),
        fact.Corrections.Select(c =>
        {
            var correction = reader.Apply((CorrectionRecorded)c.Fact);
            return new AuditEntry.CorrectionEntry(correction.CorrectionId, correction.Field, correction.Value, correction.Reason, c.Position, c.RecordedAt, c.Actor);
        }).ToList(),
        reader.Withholds(fact.Current));
}
