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
    [WolverineGet("/api/access-matrix"), ProducesResponseType<AccessMatrixView>(200)]
    public static async Task<IResult> Get(
        ReadCoordinates read, HttpContext http, AccessIntervalQuery intervals, string? modelId = null, string? organizationId = null, string? access = null)
    {
        if (access is not (null or "allowed" or "denied"))
            return Problems.Result(400, "invalid-access", "access", "access is allowed or denied");
        var cells = await intervals.Matrix(read.AsOf, read.Cut.Position, modelId, organizationId, http.RequestAborted);
        if (access is not null)
            cells = cells.Where(cell => Kebab<Domain.Vocabulary.Access>.Name(cell.Access) == access).ToList();
        return Results.Json(new AccessMatrixView(read.AsOf, read.Cut.KnownAt, read.Cut.Position, cells));
    }
}
