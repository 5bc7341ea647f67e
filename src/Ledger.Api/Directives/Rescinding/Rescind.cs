using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Directives.Rescinding;

/// <summary>Without <see cref="Models"/> the directive is rescinded for all of its models.</summary>
public sealed record RescindDirective(
    string RescissionId,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents,
    IReadOnlyList<string>? Models = null);

public static class RescindEndpoint
{
    [WolverinePost("/api/directives/{directiveId}/rescissions", OperationId = "rescindDirective")]
    [Tags("Directives"), EndpointSummary("Record a rescission of a directive")]
    public static Task<IResult> Post(RescindDirective command, string directiveId, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new DirectiveRescinded(
            directiveId, command.RescissionId, command.Models, command.EffectiveAt, command.ReceivedAt,
            command.ReceivedTimeZone, command.Documents),
            $"/api/directives/{directiveId}");
}
