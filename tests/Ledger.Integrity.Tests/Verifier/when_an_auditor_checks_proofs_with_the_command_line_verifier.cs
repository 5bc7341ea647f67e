using System.Text.Json;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Merkle;
using Ledger.Integrity.Tests.Support;
using Ledger.Verifier;

namespace Ledger.Integrity.Tests.Verifier;

/// <summary>
/// <c>ledger-verify inclusion</c> and <c>ledger-verify consistency</c> as the README tells an auditor to run them: on
/// checkpoints they saved and proofs in the shape <c>GET /api/ledger/proofs/...</c> answers. Each accepts only what
/// the signed trees prove, and reads hashes only in canonical base64, as checkpoints are read.
/// </summary>
public sealed class when_an_auditor_checks_proofs_with_the_command_line_verifier : IDisposable
{
    private readonly NoteSigner _ledger = NoteSigner.Generate(Support.Bundles.Origin);
    private readonly NoteSigner _impostor = NoteSigner.Generate(Support.Bundles.Origin);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ledger-verify-proofs-");
    private readonly MerkleTree _tree = new();

    public when_an_auditor_checks_proofs_with_the_command_line_verifier()
    {
        foreach (var leaf in Support.Bundles.Events(40))
            _tree.Append(leaf.LeafHash());
    }

    [Fact]
    public void an_inclusion_proof_verifies_only_for_its_leaf_in_the_signed_tree()
    {
        var checkpoint = Save("checkpoint.txt", Support.Bundles.Checkpoint(Support.Bundles.Events(40), 40, _ledger));
        Inclusion(checkpoint, Save("proof.json", InclusionProof(17, 40))).ShouldBe(Commands.Verified);

        Inclusion(checkpoint, Save("other-leaf.json", InclusionProof(17, 40, leafHash: _tree.LeafHash(18)))).ShouldBe(Commands.Failed);
        Inclusion(checkpoint, Save("other-path.json", InclusionProof(17, 40, path: _tree.InclusionProof(16, 40)))).ShouldBe(Commands.Failed);
        Inclusion(checkpoint, Save("other-size.json", InclusionProof(17, 39))).ShouldBe(Commands.Failed);
        Inclusion(checkpoint, Save("proof.json", InclusionProof(17, 40)), _impostor).ShouldNotBe(Commands.Verified);
    }

    [Fact]
    public void a_consistency_proof_verifies_only_that_the_newer_tree_extends_the_saved_one()
    {
        var events = Support.Bundles.Events(40);
        var saved = Save("saved.txt", Support.Bundles.Checkpoint(events, 17, _ledger));
        var newer = Save("newer.txt", Support.Bundles.Checkpoint(events, 40, _ledger));
        Consistency(saved, newer, Save("proof.json", ConsistencyProof(17, 40, _tree.ConsistencyProof(17, 40)))).ShouldBe(Commands.Verified);

        Consistency(saved, newer, Save("wrong.json", ConsistencyProof(17, 40, _tree.ConsistencyProof(16, 40)))).ShouldBe(Commands.Failed);
        Consistency(newer, saved, Save("proof.json", ConsistencyProof(17, 40, _tree.ConsistencyProof(17, 40)))).ShouldBe(Commands.Failed);

        var rewritten = events.Select((e, i) => i == 11 ? e with { Data = e.Data.Replace("S-11", "S-XI") } : e).ToList();
        var forged = new MerkleTree();
        foreach (var leaf in rewritten)
            forged.Append(leaf.LeafHash());
        Consistency(saved, Save("rewritten.txt", Support.Bundles.Checkpoint(rewritten, 40, _ledger)),
            Save("forged.json", ConsistencyProof(17, 40, forged.ConsistencyProof(17, 40)))).ShouldBe(Commands.Failed);
    }

    [Fact]
    public void a_hash_written_another_way_in_base64_is_refused()
    {
        var events = Support.Bundles.Events(40);
        var checkpoint = Save("checkpoint.txt", Support.Bundles.Checkpoint(events, 40, _ledger));
        var leafHash = Convert.ToBase64String(_tree.LeafHash(17));
        var sameBytes = Base64Texts.NonCanonical(leafHash);
        Convert.FromBase64String(sameBytes).ShouldBe(_tree.LeafHash(17), "the two texts decode to the same bytes");
        Inclusion(checkpoint, Save("proof.json", InclusionProof(17, 40, leafHashText: sameBytes))).ShouldBe(Commands.Failed);

        var saved = Save("saved.txt", Support.Bundles.Checkpoint(events, 17, _ledger));
        var path = _tree.ConsistencyProof(17, 40).Select(Convert.ToBase64String).ToList();
        path[0] = Base64Texts.NonCanonical(path[0]);
        Consistency(saved, checkpoint, Save("consistency.json", JsonSerializer.Serialize(new { from = 17, to = 40, proof = path })))
            .ShouldBe(Commands.Failed);
    }

    private string InclusionProof(long index, long size, byte[]? leafHash = null, IReadOnlyList<byte[]>? path = null, string? leafHashText = null) =>
        JsonSerializer.Serialize(new
        {
            position = index + 1,
            leafIndex = index,
            treeSize = size,
            leafHash = leafHashText ?? Convert.ToBase64String(leafHash ?? _tree.LeafHash(index)),
            rootHash = Convert.ToBase64String(_tree.Root(size)),
            proof = (path ?? _tree.InclusionProof(index, size)).Select(Convert.ToBase64String),
        });

    private static string ConsistencyProof(long from, long to, IReadOnlyList<byte[]> path) =>
        JsonSerializer.Serialize(new { from, to, proof = path.Select(Convert.ToBase64String) });

    private int Inclusion(FileInfo checkpoint, FileInfo proof, NoteSigner? signer = null) =>
        Commands.Inclusion(checkpoint, proof, (signer ?? _ledger).Verifier.ToString(), new StringWriter());

    private int Consistency(FileInfo saved, FileInfo newer, FileInfo proof) =>
        Commands.Consistency(saved, newer, proof, _ledger.Verifier.ToString(), new StringWriter());

    private FileInfo Save(string name, object content)
    {
        var file = new FileInfo(Path.Combine(_folder.FullName, name));
        File.WriteAllText(file.FullName, content.ToString());
        return file;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
