using Ledger.Domain.Access;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Changes;

/// <summary>
/// One matrix cell whose timeline changed with one recorded fact: as known after the fact, the cell is
/// <see cref="After"/> from <see cref="ChangedFrom"/> (where, as known before it, it was <see cref="Before"/>), and
/// from then on it follows <see cref="Schedule"/>. <see cref="Before"/> is null for a cell that did not exist
/// (a model just registered); a newly registered organisation is compared with the <c>*</c> row it was answered from.
/// </summary>
public sealed record AccessChange(
    string ModelId,
    string OrganizationId,
    PersonClass PersonClass,
    DateTimeOffset ChangedFrom,
    AccessCell? Before,
    AccessCell After,
    IReadOnlyList<ScheduledState> Schedule)
{
    /// <summary>Whether allowed/denied itself changed at <see cref="ChangedFrom"/>, not only the legal or provider state.</summary>
    public bool AccessChanged => Before?.Access != After.Access;
}

/// <summary>The state a cell takes from one effective instant until the next entry of its schedule.</summary>
public sealed record ScheduledState(DateTimeOffset From, LegalState Legal, ProviderState Provider, Vocabulary.Access Access);
