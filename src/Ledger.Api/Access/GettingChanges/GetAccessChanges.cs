using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Access.Intervals;
using Ledger.Api.Http;
using Ledger.Domain.Access;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Access.GettingChanges;

internal sealed record CellState(LegalState Legal, ProviderState Provider, Domain.Vocabulary.Access Access);

internal sealed record ChangedEvent(string EventId, long Position, string Type, DateTimeOffset EffectiveAt);

internal sealed record AccessChange(string ModelId, string OrganizationId, PersonClass PersonClass, CellState Before, CellState After, IReadOnlyList<ChangedEvent> Events);

internal sealed record AccessChangesView(DateTimeOffset From, DateTimeOffset To, DateTimeOffset? KnownAt, long Position, IReadOnlyList<AccessChange> Changes);

public static class GetAccessChangesEndpoint
{
    /// <summary>The cells whose access differs between two effective instants, as known at one position, with the facts that took effect between them.</summary>
    [WolverineGet("/api/access-matrix/changes", OperationId = "getAccessChanges"), ProducesResponseType<AccessChangesView>(200)]
    [Tags("Access"), EndpointSummary("The cells whose access differs between two instants, and the facts that took effect between them")]
    [QueryParameter<DateTimeOffset>("from", "The earlier instant (RFC 3339)", Required = true)]
    [QueryParameter<DateTimeOffset>("to", "The later instant (RFC 3339), not before from", Required = true)]
    public static async Task<IResult> Get(ReadCoordinates read, HttpContext http, AccessIntervalQuery intervals, string? from = null, string? to = null)
    {
        if (!ReadQuery.TryInstant(from, "from", out var parsedFrom, out var invalid) || parsedFrom is not { } start)
            return invalid ?? ReadQuery.InvalidInstant("from");
        if (!ReadQuery.TryInstant(to, "to", out var parsedTo, out invalid) || parsedTo is not { } end)
            return invalid ?? ReadQuery.InvalidInstant("to");
        if (end < start)
            return Problems.Result(400, "to-before-from", "to", "to must not be before from");

        var before = (await intervals.Matrix(start, read.Cut.Position, null, null, http.RequestAborted))
            .ToDictionary(c => new CellKey(c.ModelId, c.OrganizationId, c.PersonClass));
        var after = await intervals.Matrix(end, read.Cut.Position, null, null, http.RequestAborted);
        var changes = after
            .Where(cell => before.TryGetValue(new CellKey(cell.ModelId, cell.OrganizationId, cell.PersonClass), out var old) && old.Access != cell.Access)
            .Select(cell =>
            {
                var old = before[new CellKey(cell.ModelId, cell.OrganizationId, cell.PersonClass)];
                var events = CellFacts.Touching(read.Cut.Knowledge, cell.ModelId, cell.OrganizationId)
                    .Where(touch => touch.At > start && touch.At <= end)
                    .OrderBy(touch => touch.At).ThenBy(touch => touch.Fact.Position)
                    .Select(touch => new ChangedEvent(touch.Fact.Id, touch.Fact.Position, touch.Fact.Recorded.Type, touch.At))
                    .ToList();
                return new AccessChange(cell.ModelId, cell.OrganizationId, cell.PersonClass,
                    new CellState(old.Legal, old.Provider, old.Access), new CellState(cell.Legal, cell.Provider, cell.Access), events);
            })
            .ToList();
        return Results.Json(new AccessChangesView(start, end, read.Cut.KnownAt, read.Cut.Position, changes));
    }
}
