using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Access.Suspending;

/// <summary>Without <see cref="OrganizationId"/> (or with <c>*</c>) the suspension covers everyone.</summary>
public sealed record SuspendAccess(
    string SuspensionId,
    string ModelId,
    IReadOnlyList<PersonClass> PersonClasses,
    DateTimeOffset EffectiveAt,
    string Reason,
    string? OrganizationId = null);

public static class SuspendEndpoint
{
    [WolverinePost("/api/access/suspensions", OperationId = "suspendAccess")]
    [Tags("Access"), EndpointSummary("Record the provider's suspension of access")]
    public static Task<IResult> Post(SuspendAccess command, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new AccessSuspended(
            command.SuspensionId, command.ModelId, command.OrganizationId ?? FactIds.Everyone, command.PersonClasses,
            command.EffectiveAt, command.Reason));
}
