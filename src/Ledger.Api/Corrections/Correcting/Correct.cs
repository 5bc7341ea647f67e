using System.Text.Json;
using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Facts;
using Wolverine.Http;

namespace Ledger.Api.Corrections.Correcting;

/// <summary><see cref="EventId"/> is the id the corrected fact was written with (<c>&lt;vettingId&gt;:revocation</c> for a revocation).</summary>
public sealed record CorrectFact(string CorrectionId, string EventId, string Field, JsonElement Value, string Reason);

public static class CorrectEndpoint
{
    [WolverinePost("/api/corrections", OperationId = "correctFact")]
    [Tags("Corrections"), EndpointSummary("Correct a recorded fact; the original stays in the ledger")]
    public static Task<IResult> Post(CorrectFact command, LedgerWriter ledger, HttpContext http) =>
        ledger.Record(http, new CorrectionRecorded(
            command.CorrectionId, command.EventId, StreamId: "", command.Field, command.Value.Clone(), command.Reason));
}
