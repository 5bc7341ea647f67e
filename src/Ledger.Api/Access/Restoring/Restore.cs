using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Access.Restoring;

/// <summary>Without <see cref="OrganizationId"/> (or with <c>*</c>) the restoration covers everyone.</summary>
public sealed record RestoreAccess(
    string RestorationId,
    string ModelId,
    IReadOnlyList<PersonClass> PersonClasses,
    DateTimeOffset EffectiveAt,
    string? OrganizationId = null,
    string? EasingId = null);

public static class RestoreEndpoint
{
    [WolverinePost("/api/access/restorations", OperationId = "restoreAccess")]
    [Tags("Access"), EndpointSummary("Record the provider's restoration of access")]
    public static Task<IResult> Post(RestoreAccess command, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new AccessRestored(
            command.RestorationId, command.ModelId, command.OrganizationId ?? FactIds.Everyone, command.PersonClasses,
            command.EasingId, command.EffectiveAt));
}
