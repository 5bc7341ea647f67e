using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Models.Registering;

public sealed record RegisterModel(string ModelId, string Name);

public static class RegisterModelEndpoint
{
    [WolverinePost("/api/models", OperationId = "registerModel")]
    [Tags("Models"), EndpointSummary("Register a model")]
    public static Task<IResult> Post(RegisterModel command, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new ModelRegistered(command.ModelId, command.Name));
}
