using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Organizations.Registering;

public sealed record RegisterOrganization(
    string OrganizationId,
    string Name,
    string Country,
    bool UsPersonEntity,
    IReadOnlyList<string> Sectors,
    bool IsAddressee = false);

public static class RegisterOrganizationEndpoint
{
    [WolverinePost("/api/organizations", OperationId = "registerOrganization")]
    [Tags("Organizations"), EndpointSummary("Register an organisation")]
    public static Task<IResult> Post(RegisterOrganization command, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new OrganizationRegistered(
            command.OrganizationId, command.Name, command.Country, command.UsPersonEntity, command.Sectors, command.IsAddressee));
}
