using System.Text;
using System.Text.Json;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Leaves;
using Ledger.Integrity.Merkle;

namespace Ledger.Integrity.Tests.Support;

/// <summary>Builds export bundles in memory, exactly as the service writes them, for the offline verifier's tests.</summary>
public static class Bundles
{
    public const string Origin = "directive-ledger.test/log";

    public static List<LeafRecord> Events(int count, int seed = 1)
    {
        var random = new Random(seed);
        var position = 0L;
        return Enumerable.Range(0, count).Select(i => new LeafRecord(
            new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()),
            position += random.Next(1, 4),
            i % 3 == 0 ? "mythos-5" : "us-water-coop",
            i + 1,
            i % 2 == 0 ? "access-suspended.v1" : "organization-vetted.v1",
            "*DEFAULT*",
            new DateTimeOffset(2026, 6, 12, 21, 21, 0, TimeSpan.Zero).AddTicks(random.NextInt64(0, 10_000_000_000) * 10),
            random.Next(2) == 0 ? null : $"corr-{i}",
            $"cause-{i}",
            "auditor+é",
            i % 4 == 0 ? null : """{"traceparent": "00-ab"}""",
            $$"""{"id": "S-{{i}}", "note": "ünïcode ✓ \"quoted\"", "n": {{random.Next()}}}""")).ToList();
    }

    /// <summary>A bundle of <paramref name="events"/> with checkpoints at the given sizes (the full size is always added).</summary>
    public static byte[] Build(IReadOnlyList<LeafRecord> events, NoteSigner signer, params long[] checkpointSizes) =>
        Build(events, signer, new HashSet<int>(), checkpointSizes);

    /// <summary>The same, with the events at <paramref name="withheld"/> (leaf indices) given as leaf hashes only.</summary>
    public static byte[] Build(IReadOnlyList<LeafRecord> events, NoteSigner signer, IReadOnlySet<int> withheld, params long[] checkpointSizes)
    {
        var tree = new MerkleTree();
        foreach (var leaf in events)
            tree.Append(leaf.LeafHash());
        var sizes = checkpointSizes.Append(events.Count).Distinct().Order().ToList();

        using var buffer = new MemoryStream();
        void Line(Action<Utf8JsonWriter> write)
        {
            using (var json = new Utf8JsonWriter(buffer))
                write(json);
            buffer.WriteByte((byte)'\n');
        }

        Line(json => BundleFormat.WriteHeader(json, Origin, signer.Verifier, events.Count == 0 ? 0 : events[^1].Position, events.Count));
        for (var i = 0; i < events.Count; i++)
            if (withheld.Contains(i))
                Line(json => BundleFormat.WriteWithheld(json, i, events[i].Position, BundleFormat.Confidential, events[i].LeafHash()));
            else
                Line(json => BundleFormat.WriteEvent(json, i, events[i]));
        foreach (var size in sizes)
            Line(json => BundleFormat.WriteCheckpoint(json, Checkpoint(tree, size, signer)));
        Line(json => BundleFormat.WriteTrailer(json, events.Count, sizes.Count));
        return buffer.ToArray();
    }

    public static SignedNote Checkpoint(IReadOnlyList<LeafRecord> events, long size, NoteSigner signer)
    {
        var tree = new MerkleTree();
        foreach (var leaf in events)
            tree.Append(leaf.LeafHash());
        return Checkpoint(tree, size, signer);
    }

    private static SignedNote Checkpoint(MerkleTree tree, long size, NoteSigner signer) =>
        new Checkpoint(Origin, size, tree.Root(size), new DateTimeOffset(2026, 7, 1, 14, 0, 0, TimeSpan.Zero).AddSeconds(size)).Sign(signer);

    public static BundleVerdict Verify(byte[] bundle, SignedNote saved, NoteVerifierKey? key) =>
        BundleVerifier.Verify(new MemoryStream(bundle), saved.ToString(), key);

    public static string Text(byte[] bundle) => Encoding.UTF8.GetString(bundle);
}
