using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Access.Intervals;
using Ledger.Api.Http;
using Ledger.Domain.Access;
using Wolverine.Http;

namespace Ledger.Api.Access.GettingMatrix;

internal sealed record AccessMatrixView(DateTimeOffset AsOf, DateTimeOffset? KnownAt, long Position, IReadOnlyList<AccessCell> Cells);

public static class GetAccessMatrixEndpoint
{
    /// <summary>
    /// Every model x organisation (and <c>*</c>) x person class at <c>asOf</c>, as known at <c>knownAt</c> or
    /// <c>position</c>: read from the temporal read model, never by replaying the log. <c>access</c>
    /// (<c>allowed</c> or <c>denied</c>) keeps only the cells with that answer.
    /// </summary>
    [WolverineGet("/api/access-matrix", OperationId = "getAccessMatrix"), ProducesResponseType<AccessMatrixView>(200)]
    [Tags("Access"), EndpointSummary("Who may use which model at an instant, as known at a position")]
    [QueryParameter<string>("modelId", "Only this model's cells")]
    [QueryParameter<string>("organizationId", "Only this organisation's cells (* for everyone not listed)")]
    [QueryParameter<string>("access", "Only the cells with this answer: allowed or denied")]
    public static async Task<IResult> Get(
        ReadCoordinates read, HttpContext http, AccessIntervalQuery intervals, string? modelId = null, string? organizationId = null, string? access = null)
    {
        return InvalidAccess(access) ?? Results.Json(await Read(read, intervals, modelId, organizationId, access, http.RequestAborted));
    }

    /// <summary>The problem with an <c>access</c> filter, or null when there is none or it is allowed or denied.</summary>
    internal static IResult? InvalidAccess(string? access) =>
        access is null or "allowed" or "denied" ? null : Problems.Result(400, "invalid-access", "access", "access is allowed or denied");

    /// <summary>The answer of this read, which its report (<c>/api/reports/access-matrix</c>) carries as it is.</summary>
    internal static async Task<AccessMatrixView> Read(
        ReadCoordinates read, AccessIntervalQuery intervals, string? modelId, string? organizationId, string? access, CancellationToken ct)
    {
        var cells = await intervals.Matrix(read.AsOf, read.Cut.Position, modelId, organizationId, ct);
        if (access is not null)
            cells = cells.Where(cell => Kebab<Domain.Vocabulary.Access>.Name(cell.Access) == access).ToList();
        return new AccessMatrixView(read.AsOf, read.Cut.KnownAt, read.Cut.Position, cells);
    }
}
