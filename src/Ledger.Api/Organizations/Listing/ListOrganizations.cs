using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Http;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Organizations.Listing;

/// <param name="ListedUnder">the easings on whose annex the organisation is at <c>asOf</c> (product.md 10.7)</param>
internal sealed record OrganizationSummary(
    string OrganizationId, string Name, string Country, bool UsPersonEntity, IReadOnlyList<string> Sectors, bool IsAddressee, IReadOnlyList<string> ListedUnder);

internal sealed record OrganizationsView(DateTimeOffset AsOf, DateTimeOffset? KnownAt, long Position, IReadOnlyList<OrganizationSummary> Organizations, string? Next);

public static class ListOrganizationsEndpoint
{
    /// <summary>
    /// The organisations registered as known at <c>knownAt</c> or <c>position</c>, by id, a page at a time:
    /// <c>sector</c> (one of the 16 CISA sectors), <c>q</c> (part of the id or name, any case) and
    /// <c>vettedUnder</c> (on that easing's annex at <c>asOf</c>) narrow them. Registrations and annex standing
    /// carry no confidential text: vettings' effects are never withheld (product.md 11).
    /// </summary>
    [WolverineGet("/api/organizations", OperationId = "listOrganizations"), ProducesResponseType<OrganizationsView>(200)]
    [Tags("Organizations"), EndpointSummary("The organisations registered at a position, filtered by sector, name or annex, a page at a time")]
    [QueryParameter<string>("sector", "Only organisations in this critical-infrastructure sector (kebab-case, e.g. energy)")]
    [QueryParameter<string>("q", "Only organisations whose id or name contains this, in any case")]
    [QueryParameter<string>("vettedUnder", "Only organisations on this easing's annex at asOf")]
    [QueryParameter<string>("after", "The last id of the page before; default: from the first")]
    [QueryParameter<int>("limit", "How many per page, 1 to 1000; default 100")]
    public static IResult Get(ReadCoordinates read, HttpContext http, string? sector = null, string? q = null, string? vettedUnder = null)
    {
        var (page, problem) = Page.From(http.Request.Query);
        if (page is null)
            return problem!;
        if (sector is not null && !CriticalInfrastructureSector.All.Contains(sector))
            return Problems.Result(400, "unknown-sector", "sector", "sector is one of the 16 CISA critical-infrastructure sectors, e.g. water-and-wastewater-systems");
        var known = read.Cut.Knowledge;
        if (vettedUnder is not null && known.Find<EasingGranted>(vettedUnder) is null)
            return Problems.Result(404, "easing-not-found", "vettedUnder", $"no easing {vettedUnder} is known at position {read.Cut.Position}");

        var easings = known.EasingDirective.Keys.Order(StringComparer.Ordinal).ToList();
        var matching = known.Organizations
            .Select(id => Summary(known, known.Find<OrganizationRegistered>(id)!, easings, read.AsOf))
            .Where(o => sector is null || o.Sectors.Contains(sector))
            .Where(o => q is null || o.OrganizationId.Contains(q, StringComparison.OrdinalIgnoreCase) || o.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
            .Where(o => vettedUnder is null || o.ListedUnder.Contains(vettedUnder));
        var (organizations, next) = page.Of(matching, o => o.OrganizationId);
        return Results.Json(new OrganizationsView(read.AsOf, read.Cut.KnownAt, read.Cut.Position, organizations, next));
    }

    private static OrganizationSummary Summary(LedgerKnowledge known, OrganizationRegistered o, IReadOnlyList<string> easings, DateTimeOffset asOf) =>
        new(o.OrganizationId, o.Name, o.Country, o.UsPersonEntity, o.Sectors, o.IsAddressee,
            easings.Where(easing => Annex.Of(known, o.OrganizationId, easing, asOf).Listed).ToList());
}
