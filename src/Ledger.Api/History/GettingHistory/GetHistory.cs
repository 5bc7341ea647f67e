using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Ledger.Domain.Facts;
using Ledger.Domain.Readers;
using Ledger.Domain.Register;
using Wolverine.Http;

namespace Ledger.Api.History.GettingHistory;

public sealed record HistoryView(string Subject, DateTimeOffset? KnownAt, long Position, IReadOnlyList<AuditEntry> Entries);

public static class GetHistoryEndpoint
{
    [WolverineGet("/api/organizations/{organizationId}/history"), ProducesResponseType<HistoryView>(200)]
    public static async Task<IResult> GetOrganization(string organizationId, HttpContext http, LedgerLog log, TimeProvider clock)
    {
        var (read, problem) = await ReadQuery.Resolve(http, log, clock);
        if (read is null)
            return problem!;
        var known = read.Cut.Knowledge;
        return known.Find<OrganizationRegistered>(organizationId) is null
            ? Problems.Result(404, "organization-not-found", "organizationId", $"no organisation {organizationId} is known at position {read.Cut.Position}")
            : Results.Json(new HistoryView(organizationId, read.Cut.KnownAt, read.Cut.Position, AuditTrail.OfOrganization(known, organizationId, Withholding.For(read.Now, http.User.Clearance()))));
    }

    [WolverineGet("/api/models/{modelId}/history"), ProducesResponseType<HistoryView>(200)]
    public static async Task<IResult> GetModel(string modelId, HttpContext http, LedgerLog log, TimeProvider clock)
    {
        var (read, problem) = await ReadQuery.Resolve(http, log, clock);
        if (read is null)
            return problem!;
        var known = read.Cut.Knowledge;
        return known.Find<ModelRegistered>(modelId) is null
            ? Problems.Result(404, "model-not-found", "modelId", $"no model {modelId} is known at position {read.Cut.Position}")
            : Results.Json(new HistoryView(modelId, read.Cut.KnownAt, read.Cut.Position, AuditTrail.OfModel(known, modelId, Withholding.For(read.Now, http.User.Clearance()))));
    }
}
