using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Ledger.Integrity.Checkpoints;

/// <summary>
/// A C2SP signed-note verifier key for Ed25519: a name, a 4-byte key id and a public key, written as
/// <c>&lt;name&gt;+&lt;hex id&gt;+&lt;base64(0x01 || public key)&gt;</c>. The key id is the first four bytes of
/// SHA-256(name || "\n" || 0x01 || public key), so it commits to both name and key.
/// </summary>
public sealed record NoteVerifierKey(string Name, uint KeyId, byte[] PublicKey)
{
    public const byte Ed25519Type = 0x01;

    public static NoteVerifierKey Create(string name, byte[] publicKey) => new(name, KeyIdOf(name, publicKey), publicKey);

    public static uint KeyIdOf(string name, byte[] publicKey)
    {
        if (!NoteNames.IsValid(name))
            throw new ArgumentException($"'{name}' is not a valid note key name", nameof(name));
        var material = Encoding.UTF8.GetBytes(name).Concat(new byte[] { (byte)'\n', Ed25519Type }).Concat(publicKey).ToArray();
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(material));
    }

    public override string ToString() =>
        $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out NoteVerifierKey? key)
    {
        key = null;
        var parts = text?.Trim().Split('+', 3);
        if (parts is not { Length: 3 } || !NoteNames.IsValid(parts[0]) || parts[1].Length != 8 ||
            !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
            return false;
        var blob = CanonicalBase64.TryDecode(parts[2]);
        if (blob is not { Length: 33 } || blob[0] != Ed25519Type || KeyIdOf(parts[0], blob[1..]) != id)
            return false;
        key = new NoteVerifierKey(parts[0], id, blob[1..]);
        return true;
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize &&
        NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, PublicKey, KeyBlobFormat.RawPublicKey, out var publicKey) &&
        SignatureAlgorithm.Ed25519.Verify(publicKey!, message, signature);
}

/// <summary>
/// The private half: an Ed25519 key with its note name. Serialised in the signed-note signer key form
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex id&gt;+&lt;base64(0x01 || 32-byte seed)&gt;</c>.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        _key = key;
        Verifier = NoteVerifierKey.Create(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public NoteVerifierKey Verifier { get; }

    public static NoteSigner Generate(string name) => new(name, Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    public static NoteSigner Parse(string text)
    {
        var line = text.Trim();
        var parts = line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..].Split('+', 3) : [];
        var blob = parts.Length == 3 ? CanonicalBase64.TryDecode(parts[2]) : null;
        if (blob is not { Length: 33 } || blob[0] != NoteVerifierKey.Ed25519Type || !NoteNames.IsValid(parts[0]))
            throw new FormatException("not an Ed25519 signed-note private key (PRIVATE+KEY+name+id+key)");
        var signer = new NoteSigner(parts[0], Key.Import(SignatureAlgorithm.Ed25519, blob[1..], KeyBlobFormat.RawPrivateKey, Exportable()));
        if (!string.Equals(parts[1], signer.Verifier.KeyId.ToString("x8", CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
            throw new FormatException("the private key's id does not match its name and key");
        return signer;
    }

    public override string ToString() =>
        $"{Prefix}{Verifier.Name}+{Verifier.KeyId:x8}+{Convert.ToBase64String([NoteVerifierKey.Ed25519Type, .. _key.Export(KeyBlobFormat.RawPrivateKey)])}";

    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    public void Dispose() => _key.Dispose();

    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
}

internal static class NoteNames
{
    /// <summary>Signed-note key names are non-empty and hold no whitespace and no '+'.</summary>
    public static bool IsValid(string name) => name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));
}
