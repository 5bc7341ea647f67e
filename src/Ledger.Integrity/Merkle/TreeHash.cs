using System.Security.Cryptography;

namespace Ledger.Integrity.Merkle;

/// <summary>
/// The hashes of RFC 9162 section 2.1.1 (the RFC 6962 shape): SHA-256 with a one-byte prefix, 0x00 for a leaf
/// and 0x01 for an interior node, so a leaf can never be passed off as a node (second-preimage resistance).
/// </summary>
public static class TreeHash
{
    public const int Size = 32;

    /// <summary>MTH({}) = SHA-256 of the empty string: the root of the empty tree.</summary>
    public static readonly byte[] EmptyRoot = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>MTH({d}) = SHA-256(0x00 || d).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(entry);
        return sha.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * Size];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1): where RFC 9162 splits a tree.</summary>
    public static long Split(long n) => n < 2
        ? throw new ArgumentOutOfRangeException(nameof(n), n, "only a tree of two or more leaves splits")
        : 1L << (int)(63 - long.LeadingZeroCount(n - 1));
}
