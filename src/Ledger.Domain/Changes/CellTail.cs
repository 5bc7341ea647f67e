using Ledger.Domain.Access;

namespace Ledger.Domain.Changes;

/// <summary>
/// One cell within a fact's reach and its timeline as known after the fact, from the segment holding the reach's
/// instant on (all of it when the reach has none): what the read model stores for the cell, and what the feed
/// compares with the cell's timeline as known before.
/// </summary>
public sealed record CellTail(CellKey Cell, IReadOnlyList<CellSegment> Segments);
