using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Http;
using Ledger.Api.Security;
using Ledger.Domain.Facts;
using Ledger.Domain.Readers;
using Ledger.Domain.Register;
using Wolverine.Http;

namespace Ledger.Api.History.GettingHistory;

internal sealed record HistoryView(string Subject, DateTimeOffset? KnownAt, long Position, IReadOnlyList<AuditEntry> Entries);

public static class GetHistoryEndpoint
{
    [WolverineGet("/api/organizations/{organizationId}/history", OperationId = "getOrganizationHistory"), ProducesResponseType<HistoryView>(200)]
    [Tags("History"), EndpointSummary("An organisation's audit trail as known at a position")]
    public static IResult GetOrganization(string organizationId, ReadCoordinates read, HttpContext http)
    {
        var (problem, view) = OfOrganization(organizationId, read, http.User);
        return problem ?? Results.Json(view);
    }

    [WolverineGet("/api/models/{modelId}/history", OperationId = "getModelHistory"), ProducesResponseType<HistoryView>(200)]
    [Tags("History"), EndpointSummary("A model's audit trail as known at a position")]
    public static IResult GetModel(string modelId, ReadCoordinates read, HttpContext http)
    {
        var (problem, view) = OfModel(modelId, read, http.User);
        return problem ?? Results.Json(view);
    }

    /// <summary>The organisation's history as this reader may see it, or the 404 problem; its report carries the same answer.</summary>
    internal static (IResult? Problem, HistoryView? View) OfOrganization(string organizationId, ReadCoordinates read, ClaimsPrincipal reader)
    {
        var known = read.Cut.Knowledge;
        return known.Find<OrganizationRegistered>(organizationId) is null
            ? (Problems.Result(404, "organization-not-found", "organizationId", $"no organisation {organizationId} is known at position {read.Cut.Position}"), null)
            : (null, new HistoryView(organizationId, read.Cut.KnownAt, read.Cut.Position, AuditTrail.OfOrganization(known, organizationId, Withholding.For(read.Now, reader.Clearance()))));
    }

    /// <summary>The model's history as this reader may see it, or the 404 problem; its report carries the same answer.</summary>
    internal static (IResult? Problem, HistoryView? View) OfModel(string modelId, ReadCoordinates read, ClaimsPrincipal reader)
    {
        var known = read.Cut.Knowledge;
        return known.Find<ModelRegistered>(modelId) is null
            ? (Problems.Result(404, "model-not-found", "modelId", $"no model {modelId} is known at position {read.Cut.Position}"), null)
            : (null, new HistoryView(modelId, read.Cut.KnownAt, read.Cut.Position, AuditTrail.OfModel(known, modelId, Withholding.For(read.Now, reader.Clearance()))));
    }
}
