using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Organizations.Revoking;

public sealed record RevokeVetting(DateTimeOffset EffectiveAt, string Reason);

public static class RevokeEndpoint
{
    [WolverinePost("/api/organizations/{organizationId}/vettings/{vettingId}/revocations", OperationId = "revokeVetting")]
    [Tags("Organizations"), EndpointSummary("Revoke an approved vetting")]
    public static Task<IResult> Post(RevokeVetting command, string organizationId, string vettingId, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new VettingRevoked(organizationId, vettingId, command.EffectiveAt, command.Reason));
}
