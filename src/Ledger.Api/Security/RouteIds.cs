using Ledger.Api.Http;
using Ledger.Domain.Vocabulary;

namespace Ledger.Api.Security;

/// <summary>
/// Every route value named <c>…Id</c> is an id of product.md 10.1 (1 to 128 of A-Z a-z 0-9 . _ -), checked once here
/// for every endpoint, reads included, so no handler sees an unbounded or hostile path segment.
/// </summary>
internal sealed class RouteIds(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        foreach (var (name, value) in http.Request.RouteValues)
            if (name.EndsWith("Id", StringComparison.OrdinalIgnoreCase) && value is string id && !FactIds.IsValid(id))
                return Problems.Result(400, "invalid-id", name,
                        $"'{(id.Length > 64 ? id[..64] + "…" : id)}' is not an id: use 1 to 128 of A-Z a-z 0-9 . _ - starting with a letter or digit")
                    .ExecuteAsync(http);
        return next(http);
    }
}
