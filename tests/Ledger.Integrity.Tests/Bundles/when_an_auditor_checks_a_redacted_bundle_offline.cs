using System.Text;
using System.Text.Json.Nodes;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Leaves;

namespace Ledger.Integrity.Tests.Bundles;

/// <summary>
/// Bundles of <c>leaf/v2</c> events: a withheld line carries every field of its leaf with the texts as their commitments,
/// so it hashes to its leaf and every byte of it is bound; a whole line's texts are checked against their commitments.
/// </summary>
public class when_an_auditor_checks_a_redacted_bundle_offline
{
    private static readonly HashSet<int> Withheld = [3, 4, 17];
    private readonly NoteSigner _ledger = NoteSigner.Generate(Support.Bundles.Origin);
    private readonly List<Support.SealedEvent> _events = Support.Bundles.Redactable(30);

    private byte[] Bundle(IReadOnlySet<int>? withheld = null, IReadOnlyList<Support.SealedEvent>? events = null) =>
        Support.Bundles.Build(events ?? _events, _ledger, withheld ?? Withheld, 10, 20);

    private SignedNote Saved(int size = 25) => Support.Bundles.Checkpoint(_events.Select(e => e.Leaf).ToList(), size, _ledger);

    private BundleVerdict Verify(string text) => Support.Bundles.Verify(Encoding.UTF8.GetBytes(text), Saved(), _ledger.Verifier);

    /// <summary>The line of the event at a leaf index (the header is line 0).</summary>
    private static string LineOf(string bundle, int leaf) => bundle.Split('\n')[leaf + 1];

    [Fact]
    public void a_withheld_bundle_verifies_and_reads_with_every_effect_and_no_text()
    {
        var bundle = Support.Bundles.Text(Bundle());
        var read = BundleVerifier.Read(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), Saved().ToString(), _ledger.Verifier);
        read.Verdict.Problem.ShouldBeNull();
        read.Verdict.Withheld.ShouldBe(3);
        read.Unreadable.ShouldBeEmpty();
        read.Events.Select(e => e.Position).ShouldBe(_events.Select(e => e.Leaf.Position));
        read.Events.Where(e => e.Withheld).Select(e => e.Leaf).ShouldBe([3L, 4, 17]);

        foreach (var hidden in Withheld)
        {
            bundle.ShouldNotContain($"secret ref {hidden} ");
            bundle.ShouldNotContain($"first {hidden}\"");
            bundle.ShouldNotContain($"title {hidden}\"");
            foreach (var salt in _events[hidden].Salts.Values)
                bundle.ShouldNotContain(Convert.ToHexStringLower(salt), customMessage: "a salt would let a reader test guesses of the text");
        }

        var withheld = JsonNode.Parse(read.Events[17].Data)!;
        withheld["reference"]!.GetValue<string>().ShouldBe(TextCommitments.Marker);
        withheld["conditions"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe([TextCommitments.Marker, TextCommitments.Marker]);
        JsonNode.DeepEquals(withheld["documents"], JsonNode.Parse($$"""[{"sha256": "{{new string('a', 64)}}", "title": "[withheld]", "uri": null}]""")).ShouldBeTrue();
        withheld["models"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["m-17", "mythos-5"]);
        withheld["effectiveAt"]!.GetValue<string>().ShouldBe(JsonNode.Parse(_events[17].Data)!["effectiveAt"]!.GetValue<string>());
        read.Events[17].Type.ShouldBe(_events[17].Leaf.Type);
        read.Events[17].RecordedAt.ShouldBe(_events[17].Leaf.RecordedAt);
        JsonNode.DeepEquals(JsonNode.Parse(read.Events[5].Data), JsonNode.Parse(_events[5].Data)).ShouldBeTrue("a line the reader may see reads whole");
    }

    [Theory]
    [InlineData("\"m-17\"", "\"m-99\"", "a model in its scope")]
    [InlineData("\"mythos-5\"]", "\"mythos-6\"]", "a model in its scope")]
    [InlineData("\"effectiveAt\": \"2026-06-27", "\"effectiveAt\": \"2026-06-28", "its effective time")]
    [InlineData("\"recordedAt\":\"2026-", "\"recordedAt\":\"2027-", "its recorded time")]
    [InlineData("\"id\": \"S-17\"", "\"id\": \"S-71\"", "its id")]
    [InlineData("\"stream\":\"", "\"stream\":\"x", "its stream")]
    [InlineData("\"sha256\": \"aaaa", "\"sha256\": \"baaa", "a document's hash")]
    public void changing_an_effect_of_a_withheld_line_is_refused(string from, string to, string what)
    {
        // Checkpoints on both sides of the line, so the verdict names it exactly.
        var bundle = Support.Bundles.Text(Support.Bundles.Build(_events, _ledger, Withheld, 17, 18));
        var line = LineOf(bundle, 17);
        line.ShouldContain(from);
        var verdict = Verify(bundle.Replace(line, line.Replace(from, to, StringComparison.Ordinal), StringComparison.Ordinal));
        verdict.Ok.ShouldBeFalse($"a withheld line whose {what} changed was accepted");
        verdict.Position.ShouldBe(_events[17].Leaf.Position, verdict.Problem);
    }

    [Fact]
    public void a_withheld_line_cannot_move_to_another_position_between_its_neighbours()
    {
        var text = Support.Bundles.Text(Bundle(new HashSet<int> { 2 }));
        var position = _events[2].Leaf.Position;
        (position + 1).ShouldBeLessThan(_events[3].Leaf.Position, "there is room between the neighbours");
        var moved = text.Replace($"\"position\":{position},", $"\"position\":{position + 1},", StringComparison.Ordinal);
        moved.ShouldNotBe(text);
        Verify(text).Ok.ShouldBeTrue();
        Verify(moved).Ok.ShouldBeFalse();
    }

    [Fact]
    public void a_text_the_bundle_shows_must_match_its_commitment()
    {
        var bundle = Support.Bundles.Text(Bundle());
        Verify(bundle).Ok.ShouldBeTrue();
        var line = LineOf(bundle, 5);
        var data = line[line.IndexOf("\"data\":", StringComparison.Ordinal)..];

        var changedText = Verify(bundle.Replace(line, line.Replace(data, data.Replace("secret ref 5", "secret ref 6", StringComparison.Ordinal), StringComparison.Ordinal)));
        changedText.Ok.ShouldBeFalse();
        changedText.Problem!.ShouldContain("does not match its commitment");

        var title = Verify(bundle.Replace(line, line.Replace(data, data.Replace("title 5", "title five", StringComparison.Ordinal), StringComparison.Ordinal)));
        title.Problem!.ShouldContain("'documents' does not match its commitment");

        var salt = Convert.ToHexStringLower(_events[5].Salts["conditions"]);
        var otherSalt = Verify(bundle.Replace(salt, salt[..^1] + (salt[^1] == '0' ? '1' : '0'), StringComparison.Ordinal));
        otherSalt.Problem!.ShouldContain("'conditions' does not match its commitment");

        var effect = Verify(bundle.Replace(line, line.Replace(data, data.Replace("\"m-5\"", "\"m-6\"", StringComparison.Ordinal), StringComparison.Ordinal)));
        effect.Problem!.ShouldContain("a field other than the committed texts differs");
    }

    [Fact]
    public void a_ledger_sealed_first_as_v1_then_as_v2_verifies_and_says_what_it_could_not_read()
    {
        var mixed = Support.Bundles.Redactable(30, v1Every: 3);
        var saved = Support.Bundles.Checkpoint(mixed.Select(e => e.Leaf).ToList(), 25, _ledger);
        var read = BundleVerifier.Read(new MemoryStream(Bundle(new HashSet<int> { 2, 4, 5 }, mixed)), saved.ToString(), _ledger.Verifier);
        read.Verdict.Problem.ShouldBeNull();
        read.Verdict.Withheld.ShouldBe(3);
        read.Unreadable.ShouldBe([mixed[2].Leaf.Position, mixed[5].Leaf.Position], "leaf/v1 events withheld whole");
        read.Events.Count.ShouldBe(28);
        read.Events.Single(e => e.Leaf == 4).Withheld.ShouldBeTrue();
    }

    [Fact]
    public void a_bundle_written_before_leaf_v2_still_verifies_and_cannot_carry_a_v2_line()
    {
        var v1 = Support.Bundles.Events(30);
        var saved = Support.Bundles.Checkpoint(v1, 25, _ledger);
        var old = Support.Bundles.Text(Support.Bundles.Build(v1, _ledger, new HashSet<int> { 3 }, 10))
            .Replace(BundleFormat.Version, BundleFormat.VersionV1, StringComparison.Ordinal);
        Support.Bundles.Verify(Encoding.UTF8.GetBytes(old), saved, _ledger.Verifier).Problem.ShouldBeNull();

        var v2 = Support.Bundles.Text(Bundle()).Replace(BundleFormat.Version, BundleFormat.VersionV1, StringComparison.Ordinal);
        Verify(v2).Problem!.ShouldContain("leaf/v2 event in a directive-ledger/bundle/v1 bundle");
    }

    [Fact]
    public void no_corruption_of_a_redacted_bundle_is_ever_accepted_and_none_crashes_the_verifier()
    {
        var original = Bundle();
        var saved = Saved();
        var random = new Random(20261208);
        for (var trial = 0; trial < 1500; trial++)
        {
            var bytes = original.ToList();
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes[at] = (byte)"0123456789abcdef\""[random.Next(17)];
                    break;
            }

            byte[] corrupted = [.. bytes];
            if (corrupted.AsSpan().SequenceEqual(original))
                continue;
            BundleVerdict verdict = null!;
            Should.NotThrow(() => verdict = Support.Bundles.Verify(corrupted, saved, _ledger.Verifier), $"trial {trial}");
            verdict.Ok.ShouldBeFalse($"trial {trial}: a corrupted redacted bundle was accepted (byte {at}: {Encoding.UTF8.GetString(original[Math.Max(0, at - 60)..Math.Min(original.Length, at + 20)])})");
        }
    }
}
