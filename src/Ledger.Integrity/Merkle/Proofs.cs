namespace Ledger.Integrity.Merkle;

/// <summary>
/// Proof verification exactly as RFC 9162 sections 2.1.3.2 and 2.1.4.2 describe it. Total: a malformed proof
/// (wrong length, wrong sizes, hashes of the wrong size) answers false, never throws.
/// </summary>
public static class Proofs
{
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != TreeHash.Size || root.Length != TreeHash.Size ||
            path.Any(p => p is not { Length: TreeHash.Size }))
            return false;
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = TreeHash.Node(p, r);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
            }
            else
            {
                r = TreeHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> path)
    {
        if (first < 0 || second < first || firstRoot.Length != TreeHash.Size || secondRoot.Length != TreeHash.Size ||
            path.Any(p => p is not { Length: TreeHash.Size }))
            return false;
        if (first == second)
            return path.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (first == 0)
            return path.Count == 0 && firstRoot.SequenceEqual(TreeHash.EmptyRoot);
        if (path.Count == 0)
            return false;

        var proof = long.IsPow2(first) ? [firstRoot.ToArray(), .. path] : path.ToList();
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = proof[0];
        var sr = proof[0];
        foreach (var c in proof.Skip(1))
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = TreeHash.Node(c, fr);
                sr = TreeHash.Node(c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
            }
            else
            {
                sr = TreeHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
