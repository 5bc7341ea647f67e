using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Http;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Access.Checking;

public sealed record CheckAccess(string ModelId, string OrganizationId, PersonClass PersonClass, DateTimeOffset? AsOf = null);

internal sealed record AccessCheckAnswer(
    Domain.Vocabulary.Access Access,
    bool FailClosed,
    LegalState Legal,
    ProviderState Provider,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<BasisEvent> Basis,
    string AnsweredFrom,
    DateTimeOffset AsOf,
    long Position);

public static class CheckEndpoint
{
    /// <summary>
    /// Product.md 10.17: an unregistered organisation is answered from the <c>*</c> row, an unknown model is 404,
    /// and the <c>unknown</c> class fails closed.
    /// </summary>
    [WolverinePost("/api/access/check", OperationId = "checkAccess"), ProducesResponseType<AccessCheckAnswer>(200)]
    [Tags("Access"), EndpointSummary("May a person of this class at this organisation use this model, at an instant, as known at a position")]
    public static IResult Post(CheckAccess command, ReadCoordinates read)
    {
        var known = read.Cut.Knowledge;
        if (known.Find<ModelRegistered>(command.ModelId) is null)
            return Problems.Result(404, "model-not-found", "modelId", $"no model {command.ModelId} is registered");

        var row = known.Find<OrganizationRegistered>(command.OrganizationId) is null ? FactIds.Everyone : command.OrganizationId;
        var asOf = command.AsOf ?? read.AsOf;
        var verdict = AccessSemantics.Evaluate(known, command.ModelId, row, command.PersonClass, asOf);
        var denied = verdict.Access == Domain.Vocabulary.Access.Denied;
        return Results.Json(new AccessCheckAnswer(
            verdict.Access,
            FailClosed: denied && command.PersonClass == PersonClass.Unknown,
            verdict.Legal,
            verdict.Provider,
            verdict.Reasons,
            verdict.Basis,
            row,
            asOf,
            read.Cut.Position));
    }
}
