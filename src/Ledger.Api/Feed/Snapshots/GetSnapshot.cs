using Ledger.Api.Feed.Envelopes;
using Ledger.Api.Feed.Filtering;
using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Domain.Access;
using Ledger.Domain.Changes;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Api.Feed.Snapshots;

/// <summary>One cell of a snapshot: its state at the snapshot's instant and its schedule from then on, as an <c>access.changed</c> carries them.</summary>
/// <param name="State">the cell at the snapshot's <c>at</c>, with its basis</param>
/// <param name="Schedule">the cell's states from <c>at</c> on, one entry per change, as known at the position</param>
internal sealed record SnapshotCell(string ModelId, string OrganizationId, PersonClass PersonClass, AccessChangedData.State State, IReadOnlyList<ScheduledState> Schedule)
{
    public static SnapshotCell Of(CellOutlook outlook) =>
        new(outlook.Now.ModelId, outlook.Now.OrganizationId, outlook.Now.PersonClass, AccessChangedData.State.Of(outlook.Now), outlook.Schedule);
}

/// <summary>The access matrix as a feed consumer starts from it.</summary>
/// <param name="Position">the ledger position the snapshot is at: follow the feed with <c>after</c> set to it</param>
/// <param name="At">the effective instant of each cell's state; the schedules run from it</param>
internal sealed record FeedSnapshot(long Position, DateTimeOffset At, int Count, IReadOnlyList<SnapshotCell> Cells);

/// <summary>
/// Where a consumer of the feed starts: every cell of the matrix (models by id, registered organisations and
/// <c>*</c>, both person classes) as known at a position, with its future schedule, so that the feed after that
/// position applies on top of it exactly: the <c>access.changed</c> of a position is drawn from the knowledge of
/// every lower position, which is the knowledge the snapshot is folded from. Cells carry effects and ids only,
/// which section 11 never withholds; a subscriber reads no directive text here.
/// </summary>
public static class GetSnapshotEndpoint
{
    [WolverineGet("/api/feed/snapshot", OperationId = "readFeedSnapshot"), ProducesResponseType<FeedSnapshot>(200)]
    [Tags("Feed"), EndpointSummary("Every cell of the access matrix and its schedule as known at a position, to follow the feed from")]
    [QueryParameter<long>("position", "The ledger position to take it at, from 0 to the head; default the head")]
    [QueryParameter<string[]>(FeedFilter.ModelParameter, FeedFilter.ModelDescription)]
    [QueryParameter<string[]>(FeedFilter.OrganizationParameter, FeedFilter.OrganizationDescription)]
    public static async Task<IResult> Get(HttpContext http, LedgerLog log, TimeProvider clock)
    {
        var head = await log.Current(http.RequestAborted);
        var position = head.Position;
        if (http.Request.Query.TryGetValue("position", out var text) && (!long.TryParse(text, out position) || position < 0 || position > head.Position))
            return Problems.Result(400, "invalid-position", "position", $"position is a ledger position from 0 to the head, {head.Position}");
        var (filter, problem) = FeedFilter.From(http.Request.Query, head.Knowledge);
        if (problem is not null)
            return problem;

        var known = KnowledgeCut.AtPosition(head, position).Knowledge;
        var at = clock.GetUtcNow();
        var cells = Cells(known, filter).Select(cell => SnapshotCell.Of(CellOutlook.Of(known, cell, at))).ToList();
        return Results.Json(new FeedSnapshot(position, at, cells.Count, cells));
    }

    private static IEnumerable<CellKey> Cells(LedgerKnowledge known, FeedFilter filter) =>
        from model in known.Models.Order(StringComparer.Ordinal)
        from organization in known.Organizations.Append(FactIds.Everyone).Order(StringComparer.Ordinal)
        where filter.Holds(model, organization)
        from personClass in AccessMatrix.Classes
        select new CellKey(model, organization, personClass);
}
