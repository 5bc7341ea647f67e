namespace Ledger.Integrity.Merkle;

/// <summary>
/// The root of a growing tree in O(log n) memory: the hashes of the complete subtrees that cover the leaves so
/// far (RFC 9162's "frontier"). Used where every leaf passes once, in order: verification and export.
/// </summary>
public sealed class CompactRange
{
    private readonly List<byte[]> _peaks = [];

    public long Size { get; private set; }

    public void Append(byte[] leafHash)
    {
        var hash = leafHash;
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            hash = TreeHash.Node(_peaks[^1], hash);
            _peaks.RemoveAt(_peaks.Count - 1);
        }

        _peaks.Add(hash);
        Size++;
    }

    public byte[] Root()
    {
        if (Size == 0)
            return (byte[])TreeHash.EmptyRoot.Clone();
        var root = _peaks[^1];
        for (var i = _peaks.Count - 2; i >= 0; i--)
            root = TreeHash.Node(_peaks[i], root);
        return root;
    }
}
