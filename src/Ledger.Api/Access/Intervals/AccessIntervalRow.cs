using Ledger.Domain.Access;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// A stored interval row: a cell's segment, known from ledger position <see cref="RecordedFrom"/> until
/// <see cref="RecordedTo"/> (exclusive; null while it is still the ledger's knowledge). <see cref="Id"/> is 0 for a
/// row not yet written.
/// </summary>
public sealed record AccessIntervalRow(long Id, CellKey Cell, CellSegment Segment, long RecordedFrom, long? RecordedTo = null);
