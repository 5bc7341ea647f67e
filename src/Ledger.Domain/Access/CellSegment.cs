using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// A stretch of effective time, <c>[ValidFrom, ValidTo)</c> (null meaning unbounded), over which a cell has one
/// state for one reason. Segments split where the basis changes, not only the state, because a regulator asks
/// "on what basis" as often as "who"; <see cref="Since"/> still spans every segment of the same state.
/// </summary>
public sealed record CellSegment(
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    LegalState Legal,
    ProviderState Provider,
    Vocabulary.Access Access,
    DateTimeOffset? Since,
    IReadOnlyList<BasisEvent> Basis,
    IReadOnlyList<string> Reasons)
{
    public bool Contains(DateTimeOffset instant) => (ValidFrom is null || ValidFrom <= instant) && (ValidTo is null || instant < ValidTo);

    /// <summary>Equal in everything a reader sees; the segment's bounds aside.</summary>
    public bool SameAnswer(CellSegment other) =>
        Legal == other.Legal && Provider == other.Provider && Access == other.Access && Since == other.Since
        && Basis.SequenceEqual(other.Basis) && Reasons.SequenceEqual(other.Reasons);

    public bool SameState(CellSegment other) => Legal == other.Legal && Provider == other.Provider && Access == other.Access;
}
