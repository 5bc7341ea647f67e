using Ledger.Domain.Access;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// A stored interval row: a cell's segment, known from ledger position <see cref="RecordedFrom"/> until
/// <see cref="RecordedTo"/> (exclusive; null while it is still the ledger's knowledge). <see cref="Id"/> is 0 for a
/// row not yet written, and <see cref="Copied"/> for one a rebuild has streamed into the table.
/// </summary>
internal sealed record AccessIntervalRow(long Id, CellKey Cell, CellSegment Segment, long RecordedFrom, long? RecordedTo = null)
{
    /// <summary>
    /// The id of a row written by a COPY, which hands no ids back. While live, such a row is still found by its cell,
    /// its <c>valid_from</c> and its <see cref="RecordedFrom"/>: a cell's live rows tile effective time.
    /// </summary>
    public const long Copied = -1;
}
