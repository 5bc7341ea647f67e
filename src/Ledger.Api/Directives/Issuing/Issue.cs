using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Directives.Issuing;

public sealed record IssueDirective(
    string DirectiveId,
    string Reference,
    string Issuer,
    IReadOnlyList<string> Authorities,
    DirectiveKind Kind,
    string Channel,
    bool Confidential,
    DirectiveScope Scope,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    string ReceivedTimeZone,
    IReadOnlyList<SourceDocument> Documents,
    string? Rationale = null,
    IReadOnlyList<string>? Addressees = null,
    string? IssuingOrganizationId = null);

public static class IssueEndpoint
{
    [WolverinePost("/api/directives", OperationId = "issueDirective")]
    [Tags("Directives"), EndpointSummary("Record a directive as issued")]
    public static Task<IResult> Post(IssueDirective command, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new DirectiveIssued(
            command.DirectiveId, command.Reference, command.Issuer, command.Authorities, command.Kind, command.Channel,
            command.Rationale, command.Confidential, command.Scope, command.EffectiveAt, command.ReceivedAt,
            command.ReceivedTimeZone, command.Documents, command.Addressees ?? [], command.IssuingOrganizationId),
            $"/api/directives/{command.DirectiveId}");
}
