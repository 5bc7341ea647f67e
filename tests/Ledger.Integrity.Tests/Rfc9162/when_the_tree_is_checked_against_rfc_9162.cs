using Ledger.Integrity.Merkle;

namespace Ledger.Integrity.Tests.Rfc9162;

/// <summary>
/// The production tree against the reference written from RFC 9162 and against the Certificate Transparency
/// test vectors (the eight leaves and roots every RFC 6962 implementation pins).
/// </summary>
public class when_the_tree_is_checked_against_rfc_9162
{
    private static readonly byte[][] CtLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] CtRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static MerkleTree CtTree(int size)
    {
        var tree = new MerkleTree();
        foreach (var leaf in CtLeaves.Take(size))
            tree.Append(TreeHash.Leaf(leaf));
        return tree;
    }

    [Fact]
    public void roots_match_the_certificate_transparency_vectors_for_every_size()
    {
        for (var size = 0; size <= 8; size++)
        {
            var compact = new CompactRange();
            foreach (var leaf in CtLeaves.Take(size))
                compact.Append(TreeHash.Leaf(leaf));
            Convert.ToHexStringLower(CtTree(8).Root(size)).ShouldBe(CtRoots[size], $"size {size}");
            Convert.ToHexStringLower(compact.Root()).ShouldBe(CtRoots[size], $"compact range, size {size}");
            Convert.ToHexStringLower(ReferenceTree.Mth(CtLeaves.Take(size).Select(ReferenceTree.Leaf).ToList())).ShouldBe(CtRoots[size]);
        }
    }

    public static TheoryData<int, int, string[]> CtConsistencyProofs => new()
    {
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    [Theory]
    [MemberData(nameof(CtConsistencyProofs))]
    public void consistency_proofs_match_the_certificate_transparency_vectors(int first, int second, string[] expected)
    {
        var proof = CtTree(8).ConsistencyProof(first, second);
        proof.Select(Convert.ToHexStringLower).ShouldBe(expected);
        Proofs.VerifyConsistency(first, second, Convert.FromHexString(CtRoots[first]), Convert.FromHexString(CtRoots[second]), proof).ShouldBeTrue();
    }

    public static TheoryData<int, string[]> CtInclusionProofs => new()
    {
        { 0, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
    };

    [Theory]
    [MemberData(nameof(CtInclusionProofs))]
    public void inclusion_proofs_match_the_certificate_transparency_vectors(int index, string[] expected)
    {
        var proof = CtTree(8).InclusionProof(index, 8);
        proof.Select(Convert.ToHexStringLower).ShouldBe(expected);
        ReferenceTree.VerifyInclusion(index, 8, TreeHash.Leaf(CtLeaves[index]), proof, Convert.FromHexString(CtRoots[8])).ShouldBeTrue();
    }

    [Fact]
    public void every_inclusion_proof_of_every_size_up_to_70_is_the_reference_path_and_verifies_independently()
    {
        var leaves = Leaves(70);
        var tree = Tree(leaves);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var prefix = leaves.Take(n).ToList();
            var root = ReferenceTree.Mth(prefix);
            tree.Root(n).ShouldBe(root);
            for (var m = 0; m < n; m++)
            {
                var proof = tree.InclusionProof(m, n);
                proof.ShouldBe(ReferenceTree.Path(m, prefix), $"PATH({m}, D[{n}])");
                ReferenceTree.VerifyInclusion(m, n, leaves[m], proof, root).ShouldBeTrue($"reference verifier, {m} in {n}");
                Proofs.VerifyInclusion(m, n, leaves[m], proof, root).ShouldBeTrue($"production verifier, {m} in {n}");
            }
        }
    }

    [Fact]
    public void every_consistency_proof_between_sizes_up_to_50_is_the_reference_proof_and_verifies_independently()
    {
        var leaves = Leaves(50);
        var tree = Tree(leaves);
        for (var n = 0; n <= leaves.Count; n++)
        for (var m = 0; m <= n; m++)
        {
            var proof = tree.ConsistencyProof(m, n);
            proof.ShouldBe(ReferenceTree.Proof(m, leaves.Take(n).ToList()), $"PROOF({m}, D[{n}])");
            ReferenceTree.VerifyConsistency(m, n, tree.Root(m), tree.Root(n), proof).ShouldBeTrue($"reference verifier, {m} -> {n}");
            Proofs.VerifyConsistency(m, n, tree.Root(m), tree.Root(n), proof).ShouldBeTrue($"production verifier, {m} -> {n}");
        }
    }

    [Fact]
    public void a_proof_altered_in_any_way_is_refused_by_both_verifiers()
    {
        var random = new Random(9162);
        var leaves = Leaves(300);
        var tree = Tree(leaves);
        byte[] RootOf(long size) => size <= tree.Size ? tree.Root(size) : TreeHash.EmptyRoot;
        for (var trial = 0; trial < 2000; trial++)
        {
            var n = random.Next(2, leaves.Count + 1);
            var m = random.Next(0, n);
            var proof = tree.InclusionProof(m, n).Select(p => p.ToArray()).ToList();
            var (index, size, leaf, path, root) = Mutate(random, m, n, leaves[m], proof, tree.Root(n), RootOf, consistency: false);
            ReferenceTree.VerifyInclusion(index, size, leaf, path, root).ShouldBeFalse($"trial {trial}: reference accepted a forged inclusion proof");
            Proofs.VerifyInclusion(index, size, leaf, path, root).ShouldBeFalse($"trial {trial}: production accepted a forged inclusion proof");

            var first = random.Next(1, n);
            var consistency = tree.ConsistencyProof(first, n).Select(p => p.ToArray()).ToList();
            var (f, s, oldRoot, cpath, newRoot) = Mutate(random, first, n, tree.Root(first), consistency, tree.Root(n), RootOf, consistency: true);
            if (f == 0 && cpath.Count == 0 && oldRoot.SequenceEqual(TreeHash.EmptyRoot))
                continue;
            ReferenceTree.VerifyConsistency(f, s, oldRoot, newRoot, cpath).ShouldBeFalse($"trial {trial}: reference accepted a forged consistency proof");
            Proofs.VerifyConsistency(f, s, oldRoot, newRoot, cpath).ShouldBeFalse($"trial {trial}: production accepted a forged consistency proof");
        }
    }

    [Fact]
    public void malformed_proofs_are_refused_without_throwing()
    {
        var tree = Tree(Leaves(10));
        Proofs.VerifyInclusion(3, 10, new byte[31], tree.InclusionProof(3, 10), tree.Root(10)).ShouldBeFalse();
        Proofs.VerifyInclusion(-1, 10, tree.LeafHash(0), [], tree.Root(10)).ShouldBeFalse();
        Proofs.VerifyInclusion(10, 10, tree.LeafHash(0), [], tree.Root(10)).ShouldBeFalse();
        Proofs.VerifyInclusion(0, 10, tree.LeafHash(0), [[1, 2, 3]], tree.Root(10)).ShouldBeFalse();
        Proofs.VerifyConsistency(5, 3, tree.Root(5), tree.Root(3), []).ShouldBeFalse();
        Proofs.VerifyConsistency(3, 5, tree.Root(3), tree.Root(5), []).ShouldBeFalse();
        Proofs.VerifyConsistency(3, 5, tree.Root(3), new byte[3], tree.ConsistencyProof(3, 5)).ShouldBeFalse();
        Proofs.VerifyConsistency(5, 5, tree.Root(5), tree.Root(5), []).ShouldBeTrue();
        Proofs.VerifyConsistency(5, 5, tree.Root(5), tree.Root(6), []).ShouldBeFalse();
    }

    [Fact]
    public void the_compact_range_and_the_stored_tree_agree_on_every_root_of_a_large_tree()
    {
        var tree = new MerkleTree();
        var compact = new CompactRange();
        var random = new Random(6962);
        var leaf = new byte[32];
        for (var i = 0; i < 100_000; i++)
        {
            random.NextBytes(leaf);
            tree.Append(leaf);
            compact.Append(leaf.ToArray());
            if (i % 9973 == 0 || i == 65535)
                compact.Root().ShouldBe(tree.Root(tree.Size));
        }

        var proof = tree.InclusionProof(54321, tree.Size);
        Proofs.VerifyInclusion(54321, tree.Size, tree.LeafHash(54321), proof, tree.Root(tree.Size)).ShouldBeTrue();
        proof.Count.ShouldBe(17);
    }

    /// <summary>
    /// One forgery: another index or size (with the genuine root of that size, since a checkpoint signs size and root
    /// together, a proof alone does not bind the size), a changed leaf, root or proof element, one element too many or too few.
    /// </summary>
    private static (long, long, byte[], List<byte[]>, byte[]) Mutate(
        Random random, long index, long size, byte[] leaf, List<byte[]> proof, byte[] root, Func<long, byte[]> rootOf, bool consistency)
    {
        switch (random.Next(proof.Count == 0 ? 5 : 8))
        {
            case 0:
                var other = index + 1 < size ? index + 1 : index - 1;
                return (other, size, consistency ? rootOf(other) : leaf, proof, root);
            case 1: return (index, size + 1, leaf, proof, rootOf(size + 1));
            case 2: return (index, size, Flip(random, leaf), proof, root);
            case 3: return (index, size, leaf, proof, Flip(random, root));
            case 4: return (index, size, leaf, [.. proof, Flip(random, root)], root);
            case 5:
                var at = random.Next(proof.Count);
                return (index, size, leaf, proof.Select((p, i) => i == at ? Flip(random, p) : p).ToList(), root);
            case 6: return (index, size, leaf, proof.Take(proof.Count - 1).ToList(), root);
            default:
                var smaller = size - 1 > index ? size - 1 : size + 2;
                return (index, smaller, leaf, proof, rootOf(smaller));
        }
    }

    private static byte[] Flip(Random random, byte[] hash)
    {
        var copy = hash.ToArray();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static List<byte[]> Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => ReferenceTree.Leaf(BitConverter.GetBytes(i * 7919))).ToList();

    private static MerkleTree Tree(IEnumerable<byte[]> leaves)
    {
        var tree = new MerkleTree();
        foreach (var leaf in leaves)
            tree.Append(leaf);
        return tree;
    }
}
