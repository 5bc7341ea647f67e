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
    /// <c>position</c>: read from the temporal read model, never by replaying the log.
    /// </summary>
    [WolverineGet("/api/access-matrix", OperationId = "getAccessMatrix"), ProducesResponseType<AccessMatrixView>(200)]
    [Tags("Access"), EndpointSummary("Who may use which model at an instant, as known at a position")]
    [QueryParameter<string>("modelId", "Only this model's cells")]
    [QueryParameter<string>("organizationId", "Only this organisation's cells (* for everyone not listed)")]
    public static async Task<IResult> Get(
        ReadCoordinates read, HttpContext http, AccessIntervalQuery intervals, string? modelId = null, string? organizationId = null) =>
        Results.Json(await Read(read, intervals, modelId, organizationId, http.RequestAborted));

    /// <summary>The answer of this read, which its report (<c>/api/reports/access-matrix</c>) carries as it is.</summary>
    internal static async Task<AccessMatrixView> Read(
        ReadCoordinates read, AccessIntervalQuery intervals, string? modelId, string? organizationId, CancellationToken ct) =>
        new(read.AsOf, read.Cut.KnownAt, read.Cut.Position, await intervals.Matrix(read.AsOf, read.Cut.Position, modelId, organizationId, ct));
}
