using System.Buffers.Binary;
using System.Text;

namespace Ledger.Integrity.Checkpoints;

/// <summary>
/// A C2SP signed note: UTF-8 text of one or more newline-terminated lines, a blank line, then one line per
/// signature, <c>— &lt;key name&gt; &lt;base64(4-byte key id || signature)&gt;</c>. The signature covers the text
/// exactly, final newline included.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    private const string SignaturePrefix = "\u2014 ";

    public static SignedNote Sign(string text, NoteSigner signer)
    {
        CheckText(text);
        return new SignedNote(text, [new NoteSignature(signer.Verifier.Name, signer.Verifier.KeyId, signer.Sign(Encoding.UTF8.GetBytes(text)))]);
    }

    public override string ToString()
    {
        var note = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            var blob = new byte[4 + signature.Signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(blob, signature.KeyId);
            signature.Signature.CopyTo(blob, 4);
            note.Append(SignaturePrefix).Append(signature.KeyName).Append(' ').Append(Convert.ToBase64String(blob)).Append('\n');
        }

        return note.ToString();
    }

    /// <summary>Parses a note; a note that breaks the format is refused with <see cref="FormatException"/>.</summary>
    public static SignedNote Parse(string note)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n') || note.Length < split + 3)
            throw new FormatException("a signed note is text, a blank line and signature lines, each ending in a newline");
        var text = note[..(split + 1)];
        CheckText(text);
        var signatures = new List<NoteSignature>();
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            var parts = line.StartsWith(SignaturePrefix, StringComparison.Ordinal) ? line[SignaturePrefix.Length..].Split(' ') : [];
            var blob = parts.Length == 2 && NoteNames.IsValid(parts[0]) ? CanonicalBase64.TryDecode(parts[1]) : null;
            if (blob is not { Length: > 4 })
                throw new FormatException($"not a signature line: '{line}'");
            signatures.Add(new NoteSignature(parts[0], BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }

        if (signatures.Count == 0)
            throw new FormatException("a signed note has at least one signature");
        return new SignedNote(text, signatures);
    }

    /// <summary>True when a signature by this exact key (name and id) verifies over the text.</summary>
    public bool IsSignedBy(NoteVerifierKey key)
    {
        var message = Encoding.UTF8.GetBytes(Text);
        return Signatures.Any(s => s.KeyName == key.Name && s.KeyId == key.KeyId && key.Verify(message, s.Signature));
    }

    private static void CheckText(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n') || text.Contains("\n\n", StringComparison.Ordinal) ||
            text.Any(c => char.IsControl(c) && c != '\n'))
            throw new FormatException("note text is non-empty lines without control characters, each ending in a newline");
    }
}

public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);
