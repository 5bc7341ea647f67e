using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Merkle;

namespace Ledger.Integrity.Reports;

/// <summary>What an offline check of an evidence pack found: the pack and its checkpoint, and the first problem, if any.</summary>
/// <param name="SignatureProblem">why the pack's own signature fails, kept apart so a recomputation can still say what was changed</param>
public sealed record PackVerdict(EvidencePack? Pack, Checkpoint? Checkpoint, string? SignatureProblem, string? Problem)
{
    public bool Ok => SignatureProblem is null && Problem is null;

    public static PackVerdict Fail(string problem) => new(null, null, null, problem);
}

/// <summary>
/// Checks an evidence pack without a database or the service: the ledger's signature over the pack, the signature of
/// the checkpoint it carries, and the inclusion proof of every fact the answer rests on. Total: any input ends in a
/// verdict, never an exception.
/// </summary>
public static class PackVerifier
{
    public static PackVerdict Verify(string packText, NoteVerifierKey key)
    {
        try
        {
            return Run(packText, key);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return PackVerdict.Fail($"the pack is malformed: {e.Message}");
        }
    }

    private static PackVerdict Run(string packText, NoteVerifierKey key)
    {
        if (JsonNode.Parse(packText, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) is not JsonObject document)
            return PackVerdict.Fail("the pack is not a JSON object");
        if (document["format"]?.GetValueKind() != JsonValueKind.String || document["format"]!.GetValue<string>() != EvidencePack.Version)
            return PackVerdict.Fail($"not a {EvidencePack.Version} evidence pack");
        var pack = EvidencePack.Parse(document);

        var signatureProblem = SignatureProblem(document, pack, key);

        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoints.Checkpoint.ParseVerified(pack.Checkpoint.Note, key);
        }
        catch (FormatException e)
        {
            return new PackVerdict(pack, null, signatureProblem, $"the pack's checkpoint does not verify: {e.Message}");
        }

        if (checkpoint.Origin != key.Name)
            return new PackVerdict(pack, checkpoint, signatureProblem, $"the checkpoint is of log {checkpoint.Origin}, the key of {key.Name}");
        if (checkpoint.Size != pack.Checkpoint.TreeSize || checkpoint.RootBase64 != pack.Checkpoint.RootHash)
            return new PackVerdict(pack, checkpoint, signatureProblem, "the checkpoint's size or root differs from what the pack states beside it");
        if (pack.Answer["position"] is not JsonValue answered || answered.GetValueKind() != JsonValueKind.Number || answered.GetValue<long>() != pack.Position)
            return new PackVerdict(pack, checkpoint, signatureProblem, $"the answer is not at the pack's position {pack.Position}");
        if (pack.Checkpoint.LastPosition < pack.Position)
            return new PackVerdict(pack, checkpoint, signatureProblem,
                $"the checkpoint ends at position {pack.Checkpoint.LastPosition}, before the pack's position {pack.Position}");

        foreach (var basis in pack.Basis)
        {
            if (basis.Position > pack.Position)
                return new PackVerdict(pack, checkpoint, signatureProblem, $"basis event {basis.EventId} is at position {basis.Position}, after the pack's {pack.Position}");
            var leaf = CanonicalBase64.TryDecode(basis.LeafHash);
            var path = basis.InclusionProof.Select(h => CanonicalBase64.TryDecode(h) ?? []).ToList();
            if (leaf is not { Length: TreeHash.Size } || basis.LeafIndex < 0 || basis.LeafIndex >= checkpoint.Size ||
                !Proofs.VerifyInclusion(basis.LeafIndex, checkpoint.Size, leaf, path, checkpoint.RootHash))
                return new PackVerdict(pack, checkpoint, signatureProblem,
                    $"basis event {basis.EventId} (position {basis.Position}, leaf {basis.LeafIndex}) is not proven in the signed tree of size {checkpoint.Size}");
        }

        return new PackVerdict(pack, checkpoint, signatureProblem, null);
    }

    private static string? SignatureProblem(JsonObject document, EvidencePack pack, NoteVerifierKey key)
    {
        if (pack.Signature is null)
            return "the pack is not signed";
        SignedNote note;
        try
        {
            note = SignedNote.Parse(pack.Signature);
        }
        catch (FormatException e)
        {
            return $"the pack's signature is not a signed note: {e.Message}";
        }

        if (!note.IsSignedBy(key))
            return $"the pack is not signed by {key}: it was signed by another key, or its signature was changed";
        return note.Text == EvidencePack.NoteText(EvidencePack.SignedDigest(document))
            ? null
            : "the pack's content does not match its signature: it was changed after the ledger signed it";
    }
}
