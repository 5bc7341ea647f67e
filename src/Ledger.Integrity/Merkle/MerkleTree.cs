namespace Ledger.Integrity.Merkle;

/// <summary>
/// An append-only Merkle tree held in memory: level 0 holds the leaf hashes, level k the hash of every complete
/// subtree of 2^k leaves. Appending is amortised O(1); the root of any earlier size and every RFC 9162 proof
/// are O(log n) lookups, because every subtree the RFC's recursion visits is a run of complete subtrees.
/// Not thread-safe: the owner serialises appends, and reads of sizes already appended may run alongside.
/// </summary>
public sealed class MerkleTree
{
    private readonly List<HashColumn> _levels = [new()];

    public long Size => _levels[0].Count;

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != TreeHash.Size)
            throw new ArgumentException($"a leaf hash is {TreeHash.Size} bytes", nameof(leafHash));
        _levels[0].Add(leafHash);
        for (var level = 0; _levels[level].Count % 2 == 0; level++)
        {
            if (_levels.Count == level + 1)
                _levels.Add(new HashColumn());
            var count = _levels[level].Count;
            _levels[level + 1].Add(TreeHash.Node(_levels[level][count - 2], _levels[level][count - 1]));
        }
    }

    public byte[] LeafHash(long index) => _levels[0][Check(index, Size, nameof(index))].ToArray();

    /// <summary>MTH of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        Check(size, Size + 1, nameof(size));
        return size == 0 ? (byte[])TreeHash.EmptyRoot.Clone() : Hash(0, size);
    }

    /// <summary>PATH(index, D[size]) of RFC 9162 section 2.1.3.1, nearest sibling first.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        Check(size, Size + 1, nameof(size));
        Check(index, size, nameof(index));
        var path = new List<byte[]>();
        Path(index, 0, size, path);
        return path;
    }

    /// <summary>PROOF(first, D[second]) of RFC 9162 section 2.1.4.1; empty when first is 0 or equals second.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long first, long second)
    {
        Check(second, Size + 1, nameof(second));
        Check(first, second + 1, nameof(first));
        var proof = new List<byte[]>();
        if (first > 0 && first < second)
            SubProof(first, 0, second, true, proof);
        return proof;
    }

    private void Path(long index, long start, long n, List<byte[]> path)
    {
        if (n == 1)
            return;
        var k = TreeHash.Split(n);
        if (index < k)
        {
            Path(index, start, k, path);
            path.Add(Hash(start + k, n - k));
        }
        else
        {
            Path(index - k, start + k, n - k, path);
            path.Add(Hash(start, k));
        }
    }

    private void SubProof(long m, long start, long n, bool complete, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!complete)
                proof.Add(Hash(start, n));
            return;
        }

        var k = TreeHash.Split(n);
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(Hash(start + k, n - k));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, proof);
            proof.Add(Hash(start, k));
        }
    }

    /// <summary>MTH(D[start:start+n]).</summary>
    private byte[] Hash(long start, long n)
    {
        if (long.IsPow2(n) && start % n == 0)
            return _levels[(int)long.Log2(n)][start / n].ToArray();
        var k = TreeHash.Split(n);
        return TreeHash.Node(Hash(start, k), Hash(start + k, n - k));
    }

    private static long Check(long value, long limit, string name) =>
        value < 0 || value >= limit ? throw new ArgumentOutOfRangeException(name, value, $"must be from 0 to {limit - 1}") : value;

    /// <summary>Hashes packed in large blocks: a million leaves cost 64 MB, not two million small arrays.</summary>
    private sealed class HashColumn
    {
        private const int BlockHashes = 32 * 1024;
        private readonly List<byte[]> _blocks = [];

        public long Count { get; private set; }

        public ReadOnlySpan<byte> this[long index] =>
            _blocks[(int)(index / BlockHashes)].AsSpan((int)(index % BlockHashes) * TreeHash.Size, TreeHash.Size);

        public void Add(ReadOnlySpan<byte> hash)
        {
            if (Count % BlockHashes == 0)
                _blocks.Add(new byte[BlockHashes * TreeHash.Size]);
            hash.CopyTo(_blocks[^1].AsSpan((int)(Count % BlockHashes) * TreeHash.Size));
            Count++;
        }
    }
}
