using Ledger.Api.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Ledger.Api.Integrity;

/// <summary>
/// A write refused because the Merkle log and the event table disagree is answered 503 with a problem that says
/// so, not an anonymous 500: the ledger is deliberately closed for writes until an operator has looked.
/// </summary>
public sealed class IntegrityExceptionHandler(ILogger<IntegrityExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not LedgerIntegrityException broken)
            return false;
        logger.LogCritical(broken, "Write refused: the ledger's integrity is broken");
        await Problems.Result(503, "ledger-integrity-broken", "", broken.Message).ExecuteAsync(http);
        return true;
    }
}
