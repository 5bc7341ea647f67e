using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Merkle;

namespace Ledger.Integrity.Tests.Checkpoints;

public class when_checkpoints_are_signed_and_read
{
    // The example key and note of the Go reference implementation (golang.org/x/mod/sumdb/note). Ed25519 is
    // deterministic, so signing the same text with the same key must give the published note byte for byte.
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void keys_ids_and_signatures_match_the_signed_note_reference_byte_for_byte()
    {
        using var signer = NoteSigner.Parse(GoSignerKey);
        signer.ToString().ShouldBe(GoSignerKey);
        signer.Verifier.ToString().ShouldBe(GoVerifierKey);
        NoteVerifierKey.TryParse(GoVerifierKey, out var key).ShouldBeTrue();
        key!.KeyId.ShouldBe(0xc74f20a3u);
        SignedNote.Sign(GoText, signer).ToString().ShouldBe(GoNote);
        SignedNote.Parse(GoNote).IsSignedBy(key).ShouldBeTrue();
    }

    [Fact]
    public void a_mangled_verifier_key_is_refused()
    {
        for (var i = 0; i < GoVerifierKey.Length; i++)
        {
            var mangled = GoVerifierKey[..i] + (char)(GoVerifierKey[i] + 1) + GoVerifierKey[(i + 1)..];
            NoteVerifierKey.TryParse(mangled, out _).ShouldBeFalse(mangled);
        }

        NoteVerifierKey.TryParse(GoVerifierKey[..^1], out _).ShouldBeFalse();
        NoteVerifierKey.TryParse("", out _).ShouldBeFalse();
        NoteVerifierKey.TryParse(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void a_note_whose_text_or_signature_changed_does_not_verify()
    {
        NoteVerifierKey.TryParse(GoVerifierKey, out var key);
        SignedNote.Parse(GoNote.Replace("cryptography", "cryptographY")).IsSignedBy(key!).ShouldBeFalse();
        SignedNote.Parse(GoNote.Replace("x08go", "x08gp")).IsSignedBy(key!).ShouldBeFalse();
        Should.Throw<FormatException>(() => SignedNote.Parse(GoNote.Replace("\n\n", "\n")));
        Should.Throw<FormatException>(() => SignedNote.Parse(GoText + "\n"));
    }

    [Fact]
    public void a_checkpoint_round_trips_and_only_its_own_key_opens_it()
    {
        using var signer = NoteSigner.Generate("directive-ledger.test/log");
        using var stranger = NoteSigner.Generate("directive-ledger.test/log");
        var tree = new MerkleTree();
        tree.Append(TreeHash.Leaf([1, 2, 3]));
        var checkpoint = new Checkpoint("directive-ledger.test/log", 1, tree.Root(1), new DateTimeOffset(2026, 6, 12, 21, 21, 0, 123, 456, TimeSpan.Zero));
        var note = checkpoint.Sign(signer).ToString();

        note.ShouldStartWith($"directive-ledger.test/log\n1\n{checkpoint.RootBase64}\ntime 2026-06-12T21:21:00.123456Z\n\n\u2014 directive-ledger.test/log ");
        var read = Checkpoint.ParseVerified(note, signer.Verifier);
        read.Size.ShouldBe(1);
        read.RootHash.ShouldBe(tree.Root(1));
        read.Time.ShouldBe(checkpoint.Time);
        Should.Throw<FormatException>(() => Checkpoint.ParseVerified(note, stranger.Verifier));
        Should.Throw<FormatException>(() => Checkpoint.ParseVerified(note.Replace("\n1\n", "\n2\n"), signer.Verifier));
    }

    [Fact]
    public void a_generated_key_survives_its_file_form()
    {
        using var signer = NoteSigner.Generate("directive-ledger.local/log");
        using var again = NoteSigner.Parse(signer.ToString());
        again.Verifier.ToString().ShouldBe(signer.Verifier.ToString());
        NoteVerifierKey.TryParse(signer.Verifier.ToString(), out var parsed).ShouldBeTrue();
        parsed!.ToString().ShouldBe(signer.Verifier.ToString());
    }
}
