namespace Ledger.Api.Integrity;

/// <summary>
/// The faults one verification finds, in the order found: the first one's text is the report's problem, and every
/// bad position is counted, so an operator who repairs the first is not surprised by the next.
/// </summary>
public sealed class VerificationFaults
{
    /// <summary>How many bad positions a report lists: enough to see a pattern, bounded so a wrecked log still answers small.</summary>
    public const int Listed = 100;

    private readonly SortedSet<long> _positions = [];
    private string? _first;

    /// <param name="position">where, when the fault has a place in the log (a forged checkpoint has none)</param>
    public void Add(long? position, string problem)
    {
        _first ??= problem;
        if (position is { } at)
            _positions.Add(at);
    }

    public VerificationReport Report(long checkedLeaves, long treeSize) => _first is null
        ? new VerificationReport(true, checkedLeaves, treeSize, null, null)
        : new VerificationReport(false, checkedLeaves, treeSize, _positions.Count > 0 ? _positions.Min : null, _first,
            _positions.Count, [.. _positions.Take(Listed)]);
}
