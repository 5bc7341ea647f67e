using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Admission;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Directives.Annexing;

/// <summary>
/// An easing's annex as its authority publishes it: who vetted the organisations listed, on which criteria, from
/// when (and until when), and each organisation's outcome. Each entry is recorded as its own vetting, exactly as
/// <c>POST /api/organizations/{id}/vettings</c> would record it, but the annex is recorded whole or not at all: a
/// matrix holding half an annex would be wrong at every instant a reader could see it.
/// </summary>
public sealed record ImportAnnex(
    string VettedBy,
    IReadOnlyList<string> Criteria,
    DateTimeOffset EffectiveAt,
    IReadOnlyList<AnnexEntry> Vettings,
    DateTimeOffset? ExpiresAt = null);

public sealed record AnnexEntry(string OrganizationId, string VettingId, VettingOutcome Outcome);

/// <summary>The receipts of an annex's vettings, in the order of its entries.</summary>
internal sealed record AnnexReceipt(string EasingId, IReadOnlyList<WriteReceipt> Vettings);

public static class ImportAnnexEndpoint
{
    /// <summary>The fields a vetting takes from its entry rather than from the annex as a whole.</summary>
    private static readonly HashSet<string> EntryFields = ["organizationId", "vettingId", "outcome"];

    [WolverinePost("/api/easings/{easingId}/annex", OperationId = "importAnnex")]
    [Tags("Directives"), EndpointSummary("Record an easing's annex of vetted organisations, whole or not at all")]
    public static Task<IResult> Post(ImportAnnex annex, string easingId, LedgerWriter ledger, HttpContext http)
    {
        if (annex.Vettings.Count == 0)
            return Task.FromResult(Problems.Result(400, "empty-annex", "vettings", "an annex lists at least one organisation"));
        if (annex.Vettings.Select((entry, index) => (entry, index)).GroupBy(e => e.entry.OrganizationId).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            var (entry, index) = twice.Skip(1).First();
            return Task.FromResult(Problems.Result(422, "organization-listed-twice", $"vettings[{index}].organizationId",
                $"organisation {entry.OrganizationId} is already listed at vettings[{twice.First().index}]; an annex decides once per organisation"));
        }

        var facts = annex.Vettings
            .Select(entry => (ILedgerFact)new OrganizationVetted(
                entry.OrganizationId, entry.VettingId, easingId, entry.Outcome, annex.VettedBy, annex.Criteria, annex.EffectiveAt, annex.ExpiresAt))
            .ToList();
        return ledger.RecordAll(http, facts, Locate, receipts => new AnnexReceipt(easingId, receipts));

        // The easing is named by the path, so its absence is a 404 there (product.md 10.16), not a rule of one entry.
        Violation Locate(Violation violation, int entry) =>
            violation.Rule == "easing-not-found"
                ? Violation.NotFound(violation.Rule, "easingId", violation.Detail)
                : EntryFields.Contains(violation.Field)
                    ? violation with { Field = $"vettings[{entry}].{violation.Field}", Detail = $"vettings[{entry}]: {violation.Detail}" }
                    : violation;
    }
}
