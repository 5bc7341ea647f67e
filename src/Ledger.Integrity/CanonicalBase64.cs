namespace Ledger.Integrity;

/// <summary>
/// Standard base64, canonical only: a text whose unused trailing bits are set decodes to the same bytes, so
/// accepting it would let one signature, key or hash be written two ways. Every reader of the ledger's integrity
/// formats (checkpoints, keys, bundles, proofs) decodes with this.
/// </summary>
public static class CanonicalBase64
{
    /// <summary>The bytes of <paramref name="text"/>; null when it is empty, not base64, or not written the one canonical way.</summary>
    public static byte[]? TryDecode(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0 && Convert.ToBase64String(buffer, 0, written) == text
            ? buffer[..written]
            : null;
    }
}
