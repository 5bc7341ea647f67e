using System.Text;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Leaves;
using Ledger.Integrity.Tests.Support;
using Ledger.Verifier;

namespace Ledger.Integrity.Tests.Bundles;

public class when_an_auditor_checks_a_bundle_offline : IDisposable
{
    private readonly NoteSigner _ledger = NoteSigner.Generate(Support.Bundles.Origin);
    private readonly NoteSigner _impostor = NoteSigner.Generate(Support.Bundles.Origin);
    private readonly List<LeafRecord> _events = Support.Bundles.Events(40);

    [Fact]
    public void an_untouched_bundle_verifies_against_a_checkpoint_saved_earlier()
    {
        var saved = Support.Bundles.Checkpoint(_events, 17, _ledger);
        var verdict = Support.Bundles.Verify(Support.Bundles.Build(_events, _ledger, 5, 17, 30), saved, _ledger.Verifier);
        verdict.Problem.ShouldBeNull();
        verdict.Ok.ShouldBeTrue();
        verdict.Events.ShouldBe(40);
    }

    [Fact]
    public void withheld_events_keep_their_place_in_the_log_and_cannot_be_swapped_for_others()
    {
        var saved = Support.Bundles.Checkpoint(_events, 30, _ledger);
        var bundle = Support.Bundles.Build(_events, _ledger, new HashSet<int> { 3, 4, 17 }, 10);
        var verdict = Support.Bundles.Verify(bundle, saved, _ledger.Verifier);
        verdict.Problem.ShouldBeNull();
        verdict.Withheld.ShouldBe(3);
        Support.Bundles.Text(bundle).ShouldNotContain("S-17");

        var forged = _events.Select((e, i) => i == 17 ? e with { Data = e.Data.Replace("S-17", "S-XVII") } : e).ToList();
        Support.Bundles.Verify(Support.Bundles.Build(forged, _ledger, new HashSet<int> { 3, 4, 17 }, 10), saved, _ledger.Verifier)
            .Ok.ShouldBeFalse("a withheld event whose content changed has another leaf hash");
        Support.Bundles.Verify(Encoding.UTF8.GetBytes(Support.Bundles.Text(bundle).Replace("\"confidential\"", "\"secret\"")), saved, _ledger.Verifier)
            .Ok.ShouldBeFalse("the reason is part of the bundle too");
    }

    [Fact]
    public void a_withheld_line_whose_leaf_hash_is_written_another_way_in_base64_fails()
    {
        var saved = Support.Bundles.Checkpoint(_events, 30, _ledger);
        // The first event whose leaf hash ends in a letter or figure: a '+' there is written \u002B in the bundle.
        var withheld = Enumerable.Range(0, _events.Count).First(i => char.IsAsciiLetterOrDigit(Convert.ToBase64String(_events[i].LeafHash())[^2]));
        var text = Support.Bundles.Text(Support.Bundles.Build(_events, _ledger, new HashSet<int> { withheld }, 10));
        var leafHash = Convert.ToBase64String(_events[withheld].LeafHash()).Replace("+", "\\u002B", StringComparison.Ordinal);
        text.ShouldContain(leafHash);
        var rewritten = text.Replace(leafHash, Base64Texts.NonCanonical(leafHash), StringComparison.Ordinal);
        Support.Bundles.Verify(Encoding.UTF8.GetBytes(text), saved, _ledger.Verifier).Ok.ShouldBeTrue();
        Support.Bundles.Verify(Encoding.UTF8.GetBytes(rewritten), saved, _ledger.Verifier).Ok.ShouldBeFalse();
    }

    [Fact]
    public void an_empty_log_verifies()
    {
        var saved = Support.Bundles.Checkpoint([], 0, _ledger);
        Support.Bundles.Verify(Support.Bundles.Build([], _ledger), saved, _ledger.Verifier).Ok.ShouldBeTrue();
    }

    [Fact]
    public void a_history_rewritten_and_signed_again_by_the_ledger_key_fails_against_the_saved_checkpoint()
    {
        var saved = Support.Bundles.Checkpoint(_events, 20, _ledger);
        var rewritten = _events.Select((e, i) => i == 11 ? e with { Data = e.Data.Replace("S-11", "S-XI") } : e).ToList();
        var verdict = Support.Bundles.Verify(Support.Bundles.Build(rewritten, _ledger), saved, _ledger.Verifier);
        verdict.Ok.ShouldBeFalse();
        verdict.Problem!.ShouldContain("rewritten");
    }

    [Fact]
    public void a_changed_event_is_named_by_its_position_when_a_checkpoint_covers_it()
    {
        var saved = Support.Bundles.Checkpoint(_events, 5, _ledger);
        string Changed(params long[] sizes) =>
            Support.Bundles.Text(Support.Bundles.Build(_events, _ledger, sizes)).Replace("\"S-11\"", "\"S-XI\"", StringComparison.Ordinal);

        // Checkpoints at 11 and 12: the change lies in the one event between them, line 13 (the header is line 1).
        var exact = Support.Bundles.Verify(Encoding.UTF8.GetBytes(Changed(5, 11, 12, 30)), saved, _ledger.Verifier);
        exact.Ok.ShouldBeFalse();
        exact.Position.ShouldBe(_events[11].Position, exact.Problem);
        exact.Line.ShouldBe(13);
        exact.Problem!.ShouldContain($"the event at position {_events[11].Position}");

        // Checkpoints at 5 and 30 only: the first event the checkpoints leave unproven, and the span the change lies in.
        var span = Support.Bundles.Verify(Encoding.UTF8.GetBytes(Changed(5, 30)), saved, _ledger.Verifier);
        span.Position.ShouldBe(_events[5].Position, span.Problem);
        span.Problem!.ShouldContain($"from position {_events[5].Position} to {_events[29].Position}");

        var output = new StringWriter();
        var folder = Directory.CreateTempSubdirectory("ledger-verify-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "bundle.ndjson"), Changed(5, 11, 12, 30));
            File.WriteAllText(Path.Combine(folder.FullName, "saved.txt"), saved.ToString());
            Commands.Bundle(new FileInfo(Path.Combine(folder.FullName, "bundle.ndjson")), new FileInfo(Path.Combine(folder.FullName, "saved.txt")),
                _ledger.Verifier.ToString(), output).ShouldBe(Commands.Failed);
            output.ToString().ShouldStartWith($"FAILED at line 13 (position {_events[11].Position})");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void a_bundle_signed_by_another_key_fails_against_the_pinned_key()
    {
        var saved = Support.Bundles.Checkpoint(_events, 20, _ledger);
        Support.Bundles.Verify(Support.Bundles.Build(_events, _impostor), saved, _ledger.Verifier).Ok.ShouldBeFalse();
        // Without a pinned key the bundle's own key is used, and the saved checkpoint still refuses it.
        Support.Bundles.Verify(Support.Bundles.Build(_events, _impostor), saved, null).Ok.ShouldBeFalse();
    }

    [Fact]
    public void a_bundle_shorter_than_the_saved_checkpoint_fails()
    {
        var saved = Support.Bundles.Checkpoint(_events, 40, _ledger);
        var verdict = Support.Bundles.Verify(Support.Bundles.Build(_events.Take(30).ToList(), _ledger), saved, _ledger.Verifier);
        verdict.Ok.ShouldBeFalse();
        verdict.Problem!.ShouldContain("beyond the bundle");
    }

    [Fact]
    public void no_corruption_of_a_bundle_is_ever_accepted_and_none_crashes_the_verifier()
    {
        var saved = Support.Bundles.Checkpoint(_events, 25, _ledger);
        var original = Support.Bundles.Build(_events.Take(30).ToList(), _ledger, new HashSet<int> { 2, 11, 12 }, 10, 25);
        var random = new Random(20260612);
        var lines = Encoding.UTF8.GetString(original).Split('\n')[..^1];
        var unbound = WithheldPositions(original);
        unbound.Count.ShouldBe(5, "the digits of positions 5, 25 and 28, the three withheld lines");
        for (var trial = 0; trial < 3000; trial++)
        {
            var (kind, corrupted) = Corrupt(random, original, lines);
            if (corrupted.AsSpan().SequenceEqual(original))
                continue;
            // A leaf/v1 withheld line gives its leaf hash, not its content: nothing binds the position it states between its
            // neighbours' (README, "Export bundle"). A leaf/v2 line does: when_an_auditor_checks_a_redacted_bundle_offline.
            if (corrupted.Length == original.Length && Enumerable.Range(0, original.Length).All(i => corrupted[i] == original[i] || unbound.Contains(i)))
                continue;
            BundleVerdict verdict = null!;
            Should.NotThrow(() => verdict = Support.Bundles.Verify(corrupted, saved, _ledger.Verifier), $"trial {trial} ({kind})");
            verdict.Ok.ShouldBeFalse($"trial {trial}: a bundle corrupted by {kind} was accepted");
            verdict.Problem.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void the_command_line_verifier_exits_zero_only_for_a_verified_bundle()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-verify-");
        try
        {
            var bundle = Path.Combine(folder.FullName, "bundle.ndjson");
            var checkpoint = Path.Combine(folder.FullName, "checkpoint.txt");
            File.WriteAllBytes(bundle, Support.Bundles.Build(_events, _ledger));
            File.WriteAllText(checkpoint, Support.Bundles.Checkpoint(_events, 12, _ledger).ToString());
            var output = new StringWriter();
            Commands.Bundle(new FileInfo(bundle), new FileInfo(checkpoint), _ledger.Verifier.ToString(), output).ShouldBe(Commands.Verified, output.ToString());
            output.ToString().ShouldStartWith("OK: 40 events");

            var bytes = File.ReadAllBytes(bundle);
            bytes[bytes.Length / 2] ^= 0x01;
            File.WriteAllBytes(bundle, bytes);
            output = new StringWriter();
            Commands.Bundle(new FileInfo(bundle), new FileInfo(checkpoint), _ledger.Verifier.ToString(), output).ShouldBe(Commands.Failed);
            output.ToString().ShouldStartWith("FAILED");

            Commands.Bundle(new FileInfo(bundle), new FileInfo(checkpoint), "not-a-key", new StringWriter()).ShouldBe(Commands.Unusable);
            Commands.Bundle(new FileInfo(Path.Combine(folder.FullName, "missing")), new FileInfo(checkpoint), null, new StringWriter())
                .ShouldNotBe(Commands.Verified);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The byte offsets of the digits of every withheld line's position.</summary>
    private static HashSet<int> WithheldPositions(byte[] bundle)
    {
        var text = Encoding.UTF8.GetString(bundle);
        var offsets = new HashSet<int>();
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, "\"position\":(\\d+),\"withheld\""))
        {
            var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, match.Groups[1].Index));
            for (var i = 0; i < match.Groups[1].Length; i++)
                offsets.Add(start + i);
        }

        return offsets;
    }

    private static (string Kind, byte[] Bytes) Corrupt(Random random, byte[] original, string[] lines)
    {
        var bytes = original.ToList();
        var at = random.Next(bytes.Count);
        switch (random.Next(10))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                return ("a flipped bit", [.. bytes]);
            case 1:
                bytes.RemoveAt(at);
                return ("a deleted byte", [.. bytes]);
            case 2:
                bytes.Insert(at, (byte)random.Next(256));
                return ("an inserted byte", [.. bytes]);
            case 3:
                return ("truncation", original[..at]);
            case 4:
            {
                var i = random.Next(lines.Length);
                return ("a deleted line", Join(lines.Where((_, n) => n != i)));
            }
            case 5:
            {
                var i = random.Next(lines.Length);
                return ("a duplicated line", Join(lines.Take(i + 1).Append(lines[i]).Concat(lines.Skip(i + 1))));
            }
            case 6:
            {
                var (i, j) = (random.Next(lines.Length), random.Next(lines.Length));
                var swapped = lines.ToArray();
                (swapped[i], swapped[j]) = (swapped[j], swapped[i]);
                return ("two lines swapped", Join(swapped));
            }
            case 7:
            {
                var digits = Enumerable.Range(0, bytes.Count).Where(n => bytes[n] is >= (byte)'0' and <= (byte)'9').ToList();
                var d = digits[random.Next(digits.Count)];
                bytes[d] = (byte)('0' + (bytes[d] - '0' + random.Next(1, 10)) % 10);
                return ("a changed digit", [.. bytes]);
            }
            case 8:
                return ("CRLF line ends", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\n", "\r\n")));
            default:
            {
                var i = random.Next(1, lines.Length - 1);
                var edited = lines.ToArray();
                edited[i] = edited[i].Replace("\\u002B", "+").Replace("\\u0022", "\\\"").Replace(": ", ":").Replace("auditor", "Auditor");
                return ("an equivalent re-encoding of a line", Join(edited));
            }
        }
    }

    private static byte[] Join(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    public void Dispose()
    {
        _ledger.Dispose();
        _impostor.Dispose();
    }
}
