using System.Text.Json;
using Ledger.Integrity;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Merkle;
using Ledger.Integrity.Reports;
using Ledger.Verifier.Reports;

namespace Ledger.Verifier;

/// <summary>The verifier's commands. Exit code 0 means verified; anything else is a loud failure on the last line.</summary>
public static class Commands
{
    public const int Verified = 0;
    public const int Failed = 1;
    public const int Unusable = 2;

    public static int Bundle(FileInfo bundle, FileInfo saved, string? keyText, TextWriter output)
    {
        if (!TryKey(keyText, output, out var key) || !TryRead(saved, output, out var savedNote))
            return Unusable;
        if (key is null)
            output.WriteLine("WARNING: no --key given: trusting the key inside the bundle. Pin the key you saved with --key.");
        using var stream = Open(bundle, output);
        if (stream is null)
            return Unusable;
        var verdict = BundleVerifier.Verify(stream, savedNote, key);
        if (!verdict.Ok)
        {
            output.WriteLine($"FAILED at line {verdict.Line}{(verdict.Position is { } position ? $" (position {position})" : "")}: {verdict.Problem}");
            return Failed;
        }

        output.WriteLine($"OK: {verdict.Events} events; tree size {verdict.TreeSize}; root {verdict.RootHash}; " +
                         $"consistent with your checkpoint; signed by {verdict.Key}");
        if (verdict.Withheld > verdict.WithheldWhole)
            output.WriteLine($"NOTE: {verdict.Withheld - verdict.WithheldWhole} events had their confidential text withheld from you: their place in the log and every effect " +
                             "are proven, each text only by its commitment.");
        if (verdict.WithheldWhole > 0)
            output.WriteLine($"NOTE: {verdict.WithheldWhole} events sealed before leaf/v2 were withheld whole from you (confidential): their place in the log is proven, " +
                             "their content is not in the bundle.");
        return Verified;
    }

    public static int Consistency(FileInfo saved, FileInfo newer, FileInfo proofFile, string? keyText, TextWriter output)
    {
        if (!TryKey(keyText, output, out var key) || key is null)
            return Refuse(output, "consistency needs --key: the checkpoints carry no public key");
        if (!TryCheckpoint(saved, key, output, out var first) || !TryCheckpoint(newer, key, output, out var second) ||
            !TryProof(proofFile, output, out var proof))
            return Failed;
        if (first.Origin != second.Origin)
            return Fail(output, $"the checkpoints are of different logs, {first.Origin} and {second.Origin}");
        if (!Proofs.VerifyConsistency(first.Size, second.Size, first.RootHash, second.RootHash, proof.Hashes("proof")))
            return Fail(output, $"the proof does not show that size {second.Size} extends size {first.Size}: the log was rewritten, or the proof is wrong");
        output.WriteLine($"OK: the tree of size {second.Size} extends your tree of size {first.Size}");
        return Verified;
    }

    public static int Inclusion(FileInfo checkpointFile, FileInfo proofFile, string? keyText, TextWriter output)
    {
        if (!TryKey(keyText, output, out var key) || key is null)
            return Refuse(output, "inclusion needs --key: the checkpoint carries no public key");
        if (!TryCheckpoint(checkpointFile, key, output, out var checkpoint) || !TryProof(proofFile, output, out var proof))
            return Failed;
        var leafIndex = proof.Number("leafIndex");
        var leafHash = proof.Hashes("leafHash").FirstOrDefault() ?? [];
        if (proof.Number("treeSize") != checkpoint.Size)
            return Fail(output, $"the proof is for size {proof.Number("treeSize")}, the checkpoint for size {checkpoint.Size}");
        if (!Proofs.VerifyInclusion(leafIndex, checkpoint.Size, leafHash, proof.Hashes("proof"), checkpoint.RootHash))
            return Fail(output, $"leaf {leafIndex} is not in the tree the checkpoint signs");
        output.WriteLine($"OK: leaf {leafIndex} (position {proof.Number("position")}) is in the signed tree of size {checkpoint.Size}");
        return Verified;
    }

    /// <summary>
    /// Checks an evidence pack: the ledger's signature over it, its checkpoint's signature and the inclusion proof of
    /// every fact it rests on; with a bundle, the bundle against the pack's checkpoint, then every row recomputed from
    /// the bundle's facts. Every failure (a malformed file included) is exit 1 with its reason on the last line.
    /// </summary>
    public static int Report(FileInfo reportFile, string? keyText, FileInfo? bundleFile, TextWriter output)
    {
        if (!TryKey(keyText, output, out var key) || key is null)
            return Refuse(output, "report needs --key: the ledger's verifier key (GET /api/ledger/key) is what the pack is checked against");
        if (!TryRead(reportFile, output, out var text))
            return Failed;
        var verdict = PackVerifier.Verify(text, key);
        if (verdict.Problem is not null || verdict.Pack is not { } pack)
            return Fail(output, verdict.SignatureProblem is { } signature ? $"{signature}; and {verdict.Problem}" : verdict.Problem!);
        var what = $"{pack.Report} report at position {pack.Position}";
        if (bundleFile is null)
        {
            if (verdict.SignatureProblem is not null)
                return Fail(output, verdict.SignatureProblem);
            output.WriteLine($"OK: {what}: signed by {key}; checkpoint of size {pack.Checkpoint.TreeSize} verified; " +
                             $"{pack.Basis.Count} basis events proven in it. Not recomputed: add --bundle to recompute every row from the facts.");
            return Verified;
        }

        using var bundle = Open(bundleFile, output);
        if (bundle is null)
            return Failed;
        var read = BundleVerifier.Read(bundle, pack.Checkpoint.Note, key);
        var bundleVerdict = read.Verdict;
        if (!bundleVerdict.Ok)
            return Fail(output, Join(verdict.SignatureProblem, $"the bundle does not verify against the pack's checkpoint (line {bundleVerdict.Line}): {bundleVerdict.Problem}"));
        if (read.Unreadable.FirstOrDefault(p => p <= pack.Position) is var withheld and > 0)
            return Fail(output, Join(verdict.SignatureProblem,
                $"the bundle withholds the whole of {read.Unreadable.Count(p => p <= pack.Position)} events up to the pack's position " +
                $"(the first at position {withheld}, sealed as leaf/v1): export as a reader cleared for them to recompute"));
        Recomputation.Outcome outcome;
        try
        {
            outcome = Recomputation.Check(pack, read.Events);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return Fail(output, Join(verdict.SignatureProblem, $"a fact in the bundle cannot be folded: {e.Message}"));
        }

        if (outcome.Disagreement is not null || verdict.SignatureProblem is not null)
            return Fail(output, Join(verdict.SignatureProblem, outcome.Disagreement is { } d ? $"recomputed from the bundle's facts: {d}" : null));
        output.WriteLine($"OK: {what}: signed by {key}; {pack.Basis.Count} basis events proven in the checkpoint of size {pack.Checkpoint.TreeSize}; " +
                         $"bundle of {bundleVerdict.Events} events verified against it; all {outcome.Rows} rows recomputed from the facts up to position {pack.Position} agree.");
        return Verified;
    }

    private static string Join(string? first, string? second) => string.Join("; ", new[] { first, second }.OfType<string>());

    private static bool TryKey(string? text, TextWriter output, out NoteVerifierKey? key)
    {
        key = null;
        if (text is null)
            return true;
        var value = File.Exists(text) ? File.ReadAllText(text) : text;
        if (NoteVerifierKey.TryParse(value, out key))
            return true;
        output.WriteLine($"FAILED: '{text}' is neither a verifier key (name+id+key) nor a file holding one");
        return false;
    }

    private static bool TryRead(FileInfo file, TextWriter output, out string text)
    {
        text = "";
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(file.FullName));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            output.WriteLine($"FAILED: cannot read {file.FullName}: {e.Message}");
            return false;
        }
    }

    private static FileStream? Open(FileInfo file, TextWriter output)
    {
        try
        {
            return file.OpenRead();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"FAILED: cannot read {file.FullName}: {e.Message}");
            return null;
        }
    }

    private static bool TryCheckpoint(FileInfo file, NoteVerifierKey key, TextWriter output, out Checkpoint checkpoint)
    {
        checkpoint = null!;
        if (!TryRead(file, output, out var note))
            return false;
        try
        {
            checkpoint = Checkpoint.ParseVerified(note, key);
            return true;
        }
        catch (FormatException e)
        {
            output.WriteLine($"FAILED: {file.Name} is not a checkpoint signed by {key}: {e.Message}");
            return false;
        }
    }

    private static bool TryProof(FileInfo file, TextWriter output, out ProofDocument proof)
    {
        proof = null!;
        if (!TryRead(file, output, out var text))
            return false;
        try
        {
            proof = new ProofDocument(JsonDocument.Parse(text).RootElement.Clone());
            return true;
        }
        catch (JsonException e)
        {
            output.WriteLine($"FAILED: {file.Name} is not JSON: {e.Message}");
            return false;
        }
    }

    private static int Fail(TextWriter output, string problem)
    {
        output.WriteLine($"FAILED: {problem}");
        return Failed;
    }

    private static int Refuse(TextWriter output, string problem)
    {
        output.WriteLine($"FAILED: {problem}");
        return Unusable;
    }

    private sealed record ProofDocument(JsonElement Root)
    {
        public long Number(string name) =>
            Root.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : -1;

        public IReadOnlyList<byte[]> Hashes(string name)
        {
            if (!Root.TryGetProperty(name, out var value))
                return [];
            var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            return items.Select(item => item.ValueKind == JsonValueKind.String && item.GetString() is { } text
                ? CanonicalBase64.TryDecode(text) ?? []
                : []).ToList();
        }
    }
}
