using Ledger.Domain.Access;

namespace Ledger.Domain.Changes;

/// <summary>
/// One cell within a fact's reach and its timeline as known after the fact, from the segment holding the reach's
/// instant <see cref="From"/> on (all of it when null): what the read model stores for the cell, and what the feed
/// compares with the cell's timeline as known before, drawn from the same instant.
/// </summary>
public sealed record CellTail(CellKey Cell, DateTimeOffset? From, IReadOnlyList<CellSegment> Segments);
