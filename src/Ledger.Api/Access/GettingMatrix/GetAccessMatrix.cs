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
    [WolverineGet("/api/access-matrix"), ProducesResponseType<AccessMatrixView>(200)]
    public static async Task<IResult> Get(
        ReadCoordinates read, HttpContext http, AccessIntervalQuery intervals, string? modelId = null, string? organizationId = null) =>
        Results.Json(await Read(read, intervals, modelId, organizationId, http.RequestAborted));

    /// <summary>The answer of this read, which its report (<c>/api/reports/access-matrix</c>) carries as it is.</summary>
    internal static async Task<AccessMatrixView> Read(
        ReadCoordinates read, AccessIntervalQuery intervals, string? modelId, string? organizationId, CancellationToken ct) =>
        new(read.AsOf, read.Cut.KnownAt, read.Cut.Position, await intervals.Matrix(read.AsOf, read.Cut.Position, modelId, organizationId, ct));
}
