using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Directives.Easing;

public sealed record GrantEasing(
    string EasingId,
    IReadOnlyList<string> Models,
    bool CoversListedOrganizations,
    bool CoversAddresseeForeignEmployees,
    IReadOnlyList<string> Conditions,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents);

public static class EaseEndpoint
{
    [WolverinePost("/api/directives/{directiveId}/easings", OperationId = "grantEasing")]
    [Tags("Directives"), EndpointSummary("Record an easing of a directive")]
    public static Task<IResult> Post(GrantEasing command, string directiveId, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new EasingGranted(
            directiveId, command.EasingId, command.Models, command.CoversListedOrganizations,
            command.CoversAddresseeForeignEmployees, command.Conditions, command.EffectiveAt, command.ReceivedAt,
            command.ReceivedTimeZone, command.Documents),
            $"/api/directives/{directiveId}");
}
