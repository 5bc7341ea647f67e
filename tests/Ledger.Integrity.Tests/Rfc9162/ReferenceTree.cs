using System.Security.Cryptography;

namespace Ledger.Integrity.Tests.Rfc9162;

/// <summary>
/// RFC 9162 section 2.1 written out again from its definitions, sharing no code with Ledger.Integrity: MTH,
/// PATH and PROOF as the recursive equations read, and verifiers that replay those equations backwards.
/// Slow on purpose (no stored nodes); it is the yardstick the production code is measured against.
/// </summary>
public static class ReferenceTree
{
    public static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>k: the largest power of two smaller than n.</summary>
    public static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
            k *= 2;
        return k;
    }

    /// <summary>MTH(D[n]) over leaf hashes.</summary>
    public static byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0)
            return SHA256.HashData([]);
        if (d.Count == 1)
            return d[0];
        var k = K(d.Count);
        return Node(Mth(d.Take(k).ToList()), Mth(d.Skip(k).ToList()));
    }

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count == 1)
            return [];
        var k = K(d.Count);
        return m < k
            ? [.. Path(m, d.Take(k).ToList()), Mth(d.Skip(k).ToList())]
            : [.. Path(m - k, d.Skip(k).ToList()), Mth(d.Take(k).ToList())];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => m == 0 || m == d.Count ? [] : SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        if (m == d.Count)
            return b ? [] : [Mth(d)];
        var k = K(d.Count);
        return m <= k
            ? [.. SubProof(m, d.Take(k).ToList(), b), Mth(d.Skip(k).ToList())]
            : [.. SubProof(m - k, d.Skip(k).ToList(), false), Mth(d.Take(k).ToList())];
    }

    /// <summary>Recomputes the root from a leaf and its PATH by walking the PATH equation from the top split down.</summary>
    public static bool VerifyInclusion(long m, long n, byte[] leaf, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (m < 0 || m >= n || path.Any(p => p.Length != 32))
            return false;
        var computed = RootFrom(m, n, leaf, path, path.Count);
        return computed is not null && computed.SequenceEqual(root);
    }

    private static byte[]? RootFrom(long m, long n, byte[] leaf, IReadOnlyList<byte[]> path, int used)
    {
        if (n == 1)
            return used == 0 ? leaf : null;
        if (used == 0)
            return null;
        var k = (long)K((int)Math.Min(n, int.MaxValue));
        var sibling = path[used - 1];
        if (m < k)
            return RootFrom(m, k, leaf, path, used - 1) is { } left ? Node(left, sibling) : null;
        return RootFrom(m - k, n - k, leaf, path, used - 1) is { } right ? Node(sibling, right) : null;
    }

    /// <summary>Replays SUBPROOF backwards: from the proof, the hashes of the old tree and of the new one.</summary>
    public static bool VerifyConsistency(long m, long n, byte[] oldRoot, byte[] newRoot, IReadOnlyList<byte[]> proof)
    {
        if (m < 0 || m > n || proof.Any(p => p.Length != 32))
            return false;
        if (m == 0 || m == n)
            return proof.Count == 0 && (m == 0 ? oldRoot.SequenceEqual(SHA256.HashData([])) : oldRoot.SequenceEqual(newRoot));
        var hashes = Replay(m, n, true, oldRoot, proof, proof.Count);
        return hashes is var (o, nw) && o.SequenceEqual(oldRoot) && nw.SequenceEqual(newRoot);
    }

    private static (byte[] Old, byte[] New)? Replay(long m, long n, bool b, byte[] oldRoot, IReadOnlyList<byte[]> proof, int used)
    {
        if (m == n)
        {
            if (b)
                return used == 0 ? (oldRoot, oldRoot) : null;
            return used == 1 ? (proof[0], proof[0]) : null;
        }

        if (used == 0)
            return null;
        var k = (long)K((int)n);
        var last = proof[used - 1];
        if (m <= k)
            return Replay(m, k, b, oldRoot, proof, used - 1) is var (o, nw) ? (o, Node(nw, last)) : null;
        return Replay(m - k, n - k, false, oldRoot, proof, used - 1) is var (o2, nw2) ? (Node(last, o2), Node(last, nw2)) : null;
    }
}
