using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>Sealed events of a ledger that upgraded: every <paramref name="v1Every"/>-th a <c>leaf/v1</c> (never, by default), the others <c>leaf/v2</c> with three committed texts.</summary>
    public static List<SealedEvent> Redactable(int count, int seed = 1, int v1Every = int.MaxValue)
    {
        var random = new Random(seed);
        return Events(count, seed).Select((leaf, i) =>
        {
            if (i % v1Every == v1Every - 1)
                return new SealedEvent(leaf, leaf.Data, new Dictionary<string, byte[]>());
            var clear = new JsonObject
            {
                ["id"] = $"S-{i}", ["models"] = new JsonArray($"m-{i}", "mythos-5"), ["reference"] = $"secret ref {i} ✓",
                ["conditions"] = new JsonArray($"first {i}", "second \"q\"\n"),
                ["documents"] = new JsonArray(new JsonObject
                {
                    ["sha256"] = new string('a', 64), ["title"] = $"title {i}", ["uri"] = i % 2 == 0 ? null : $"https://docs.example/{i}",
                }),
                ["effectiveAt"] = $"2026-06-{10 + i % 20}T00:00:00+00:00", ["rationale"] = null,
            };
            // Printed as PostgreSQL prints jsonb, as the service's export embeds it.
            var data = JsonbText.Of(JsonSerializer.SerializeToElement(clear));
            var salts = new Dictionary<string, byte[]>
            {
                ["reference"] = Salt(random), ["conditions"] = Salt(random), ["documents"] = Salt(random),
            };
            const string commitments = """{"reference": "text", "documents": "documents", "conditions": "texts"}""";
            var forms = TextCommitments.Parse(commitments).ToDictionary(c => c.Field, c => c.Form);
            using var parsed = JsonDocument.Parse(data);
            var committed = TextCommitments.Replaced(data, field => forms.TryGetValue(field, out var form)
                ? JsonbText.Of(JsonSerializer.SerializeToElement(TextCommitments.Commit(form, parsed.RootElement.GetProperty(field), salts[field])))
                : null);
            return new SealedEvent(leaf with { Data = committed, LeafVersion = 2, Commitments = commitments }, data, salts);
        }).ToList();

        static byte[] Salt(Random random) => Enumerable.Range(0, TextCommitments.SaltSize).Select(_ => (byte)random.Next(256)).ToArray();
    }

    /// <summary>A bundle of sealed events, those at <paramref name="withheld"/> (leaf indices) withheld, as the service writes it.</summary>
    public static byte[] Build(IReadOnlyList<SealedEvent> events, NoteSigner signer, IReadOnlySet<int> withheld, params long[] checkpointSizes) =>
        Build(events.Select(e => e.Leaf).ToList(), signer, checkpointSizes, (json, i) =>
            BundleFormat.WriteSealed(json, i, events[i].Leaf, events[i].Data, events[i].Salts, withheld.Contains(i) ? BundleFormat.Confidential : null));

    /// <summary>A bundle of <paramref name="events"/> with checkpoints at the given sizes (the full size is always added).</summary>
    public static byte[] Build(IReadOnlyList<LeafRecord> events, NoteSigner signer, params long[] checkpointSizes) =>
        Build(events, signer, new HashSet<int>(), checkpointSizes);

    /// <summary>The same, with the events at <paramref name="withheld"/> (leaf indices) given as leaf hashes only.</summary>
    public static byte[] Build(IReadOnlyList<LeafRecord> events, NoteSigner signer, IReadOnlySet<int> withheld, params long[] checkpointSizes) =>
        Build(events, signer, checkpointSizes, (json, i) =>
        {
            if (withheld.Contains(i))
                BundleFormat.WriteWithheld(json, i, events[i].Position, BundleFormat.Confidential, events[i].LeafHash());
            else
                BundleFormat.WriteEvent(json, i, events[i]);
        });

    private static byte[] Build(IReadOnlyList<LeafRecord> events, NoteSigner signer, long[] checkpointSizes, Action<Utf8JsonWriter, int> writeEvent)
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
        {
            var index = i;
            Line(json => writeEvent(json, index));
        }
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

/// <summary>A sealed event as the service reads it for an export: its leaf, its stored data and the salts of its texts.</summary>
public sealed record SealedEvent(LeafRecord Leaf, string Data, IReadOnlyDictionary<string, byte[]> Salts);
