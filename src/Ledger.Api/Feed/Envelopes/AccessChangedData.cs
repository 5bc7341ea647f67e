using Ledger.Domain.Access;
using Ledger.Domain.Changes;
using Ledger.Domain.Vocabulary;

namespace Ledger.Api.Feed.Envelopes;

/// <summary>
/// The <c>data</c> of a <c>ledger.access.changed.v1</c> event: one cell, its state just before and just after
/// <see cref="ChangedFrom"/> with the basis of each, and the cell's whole timeline from then on as now known.
/// </summary>
internal sealed record AccessChangedData(
    string ModelId,
    string OrganizationId,
    PersonClass PersonClass,
    DateTimeOffset ChangedFrom,
    bool AccessChanged,
    AccessChangedData.State? Before,
    AccessChangedData.State After,
    IReadOnlyList<ScheduledState> Schedule,
    BasisEvent Cause)
{
    public sealed record State(LegalState Legal, ProviderState Provider, Domain.Vocabulary.Access Access, DateTimeOffset? Since, IReadOnlyList<BasisEvent> Basis, string Explanation)
    {
        public static State Of(AccessCell cell) => new(cell.Legal, cell.Provider, cell.Access, cell.Since, cell.Basis, cell.Explanation);
    }

    public static AccessChangedData Of(AccessChange change, BasisEvent cause) => new(
        change.ModelId, change.OrganizationId, change.PersonClass, change.ChangedFrom, change.AccessChanged,
        change.Before is null ? null : State.Of(change.Before), State.Of(change.After), change.Schedule, cause);
}
