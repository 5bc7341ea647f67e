using Ledger.Domain.Access;

namespace Ledger.Api.Access.Intervals;

/// <summary>A stored interval row: a cell's segment and the first ledger position that knew it.</summary>
public sealed record AccessIntervalRow(long Id, CellKey Cell, CellSegment Segment);
