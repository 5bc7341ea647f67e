using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Directives.Amending;

public sealed record AmendDirective(
    string AmendmentId,
    DirectiveScope Scope,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents);

public static class AmendEndpoint
{
    [WolverinePost("/api/directives/{directiveId}/amendments", OperationId = "amendDirective")]
    [Tags("Directives"), EndpointSummary("Record an amendment of a directive's scope")]
    public static Task<IResult> Post(AmendDirective command, string directiveId, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new DirectiveAmended(
            directiveId, command.AmendmentId, command.Scope, command.EffectiveAt, command.ReceivedAt, command.ReceivedTimeZone,
            command.Documents),
            $"/api/directives/{directiveId}");
}
