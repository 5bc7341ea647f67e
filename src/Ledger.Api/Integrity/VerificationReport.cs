namespace Ledger.Api.Integrity;

/// <summary>The answer of <c>GET /api/ledger/verify</c> (product.md section 8).</summary>
/// <param name="FirstBadPosition">the lowest position found bad; <paramref name="Problem"/> describes the first fault found</param>
/// <param name="BadCount">how many positions were found bad, all of them</param>
/// <param name="BadPositions">the first <see cref="VerificationFaults.Listed"/> of them, in position order</param>
public sealed record VerificationReport(
    bool Ok, long Checked, long TreeSize, long? FirstBadPosition, string? Problem, long BadCount = 0, IReadOnlyList<long>? BadPositions = null)
{
    public IReadOnlyList<long> BadPositions { get; init; } = BadPositions ?? [];

    /// <summary>By the positions listed, not by the list instance: two reports of the same ledger are equal.</summary>
    public bool Equals(VerificationReport? other) =>
        other is not null && (Ok, Checked, TreeSize, FirstBadPosition, Problem, BadCount) ==
        (other.Ok, other.Checked, other.TreeSize, other.FirstBadPosition, other.Problem, other.BadCount) &&
        BadPositions.SequenceEqual(other.BadPositions);

    public override int GetHashCode() => HashCode.Combine(Ok, Checked, TreeSize, FirstBadPosition, Problem, BadCount);
}
