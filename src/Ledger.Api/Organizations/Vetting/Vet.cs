using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Organizations.Vetting;

public sealed record VetOrganization(
    string VettingId,
    string EasingId,
    VettingOutcome Outcome,
    string VettedBy,
    IReadOnlyList<string> Criteria,
    DateTimeOffset EffectiveAt,
    DateTimeOffset? ExpiresAt = null);

public static class VetEndpoint
{
    [WolverinePost("/api/organizations/{organizationId}/vettings", OperationId = "vetOrganization")]
    [Tags("Organizations"), EndpointSummary("Record a vetting of an organisation under an easing")]
    public static Task<IResult> Post(VetOrganization command, string organizationId, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new OrganizationVetted(
            organizationId, command.VettingId, command.EasingId, command.Outcome, command.VettedBy, command.Criteria,
            command.EffectiveAt, command.ExpiresAt));
}
