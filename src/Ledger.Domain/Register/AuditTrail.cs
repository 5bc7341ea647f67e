using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Register;

/// <summary>
/// The ordered audit timelines of product.md section 6: everything the ledger recorded about an organisation or
/// a model, in position order, as known at one position.
/// </summary>
public static class AuditTrail
{
    /// <summary>The organisation's registration, vettings and revocations, and every provider act naming it.</summary>
    public static IReadOnlyList<AuditEntry> OfOrganization(LedgerKnowledge known, string organizationId) =>
        Entries(known, fact => fact switch
        {
            OrganizationRegistered o => o.OrganizationId == organizationId,
            OrganizationVetted v => v.OrganizationId == organizationId,
            VettingRevoked r => r.OrganizationId == organizationId,
            IProviderAct act => act.OrganizationId == organizationId,
            _ => false,
        });

    /// <summary>The model's registration, the directives, amendments, easings and rescissions naming it, and its provider acts.</summary>
    public static IReadOnlyList<AuditEntry> OfModel(LedgerKnowledge known, string modelId) =>
        Entries(known, fact => fact switch
        {
            ModelRegistered m => m.ModelId == modelId,
            DirectiveIssued d => d.Scope.Models.Contains(modelId),
            DirectiveAmended a => a.Scope.Models.Contains(modelId),
            EasingGranted e => e.Models.Contains(modelId),
            DirectiveRescinded r => r.Models?.Contains(modelId) ?? Names(known, r.DirectiveId, modelId),
            IProviderAct act => act.ModelId == modelId,
            _ => false,
        });

    private static bool Names(LedgerKnowledge known, string directiveId, string modelId) =>
        known.Find<DirectiveIssued>(directiveId)?.Scope.Models.Contains(modelId) == true
        || known.ActsOf(directiveId).Select(f => f.Current).OfType<DirectiveAmended>().Any(a => a.Scope.Models.Contains(modelId));

    private static IReadOnlyList<AuditEntry> Entries(LedgerKnowledge known, Func<ILedgerFact, bool> about) =>
        known.Facts.Values
            .Where(f => f.Current is not CorrectionRecorded && about(f.Current))
            .OrderBy(f => f.Position)
            .Select(f => Entry(known, f))
            .ToList();

    private static AuditEntry Entry(LedgerKnowledge known, KnownFact fact) => new(
        fact.Id,
        fact.Recorded.Type,
        fact.Recorded.Fact.StreamId,
        fact.Recorded.StreamVersion,
        fact.Recorded.Actor,
        FactTimes.Of(fact),
        fact.Current,
        fact.Corrections.Count > 0 ? fact.Recorded.Fact : null,
        References(known, fact.Current).Select(AccessSemantics.Basis).ToList(),
        fact.Corrections.Select(c =>
        {
            var correction = (CorrectionRecorded)c.Fact;
            return new AuditEntry.CorrectionEntry(correction.CorrectionId, correction.Field, correction.Value, correction.Reason, c.Position, c.RecordedAt, c.Actor);
        }).ToList());

    /// <summary>The recorded facts a fact names: what it rests on.</summary>
    private static IEnumerable<KnownFact> References(LedgerKnowledge known, ILedgerFact fact)
    {
        var ids = fact switch
        {
            DirectiveAmended a => [a.DirectiveId],
            EasingGranted e => [e.DirectiveId],
            DirectiveRescinded r => [r.DirectiveId],
            OrganizationVetted v => [v.EasingId],
            VettingRevoked r => [r.VettingId],
            AccessRestored { EasingId: { } easing } => [easing],
            _ => Array.Empty<string>(),
        };
        return ids.Select(known.Find).OfType<KnownFact>();
    }
}
