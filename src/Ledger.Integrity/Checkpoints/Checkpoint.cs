using System.Globalization;
using System.Text;
using Ledger.Integrity.Merkle;

namespace Ledger.Integrity.Checkpoints;

/// <summary>
/// A C2SP tlog-checkpoint body: the log's origin, its tree size, its root hash (base64), then one extension
/// line of ours, <c>time &lt;RFC 3339 UTC&gt;</c>, saying when the ledger signed it. Signed as a
/// <see cref="SignedNote"/>; the key name is the origin.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, DateTimeOffset Time)
{
    private const string TimePrefix = "time ";

    public string Body() =>
        $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n{TimePrefix}{FormatTime(Time)}\n";

    public SignedNote Sign(NoteSigner signer) => SignedNote.Sign(Body(), signer);

    /// <summary>Reads a signed checkpoint and checks its signature with <paramref name="key"/>; throws <see cref="FormatException"/> when either fails.</summary>
    public static Checkpoint ParseVerified(string note, NoteVerifierKey key)
    {
        var signed = SignedNote.Parse(note);
        if (!signed.IsSignedBy(key))
            throw new FormatException($"the checkpoint carries no valid signature by {key.Name}+{key.KeyId:x8}");
        return ParseBody(signed.Text);
    }

    public static Checkpoint ParseBody(string text)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        if (lines.Length < 3 || lines[0].Length == 0)
            throw new FormatException("a checkpoint has an origin, a tree size and a root hash");
        if (lines[1].Length == 0 || (lines[1].Length > 1 && lines[1][0] == '0') || !lines[1].All(char.IsAsciiDigit) ||
            !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new FormatException($"'{lines[1]}' is not a tree size");
        var root = CanonicalBase64.TryDecode(lines[2]);
        if (root is not { Length: TreeHash.Size })
            throw new FormatException("the root hash is not 32 bytes in standard base64");
        var time = lines.Skip(3).Where(l => l.StartsWith(TimePrefix, StringComparison.Ordinal)).Select(l => l[TimePrefix.Length..]).FirstOrDefault();
        if (time is null || !DateTimeOffset.TryParseExact(time, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw new FormatException("the checkpoint has no 'time' line");
        return new Checkpoint(lines[0], size, root, at);
    }

    private static string FormatTime(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public string RootBase64 => Convert.ToBase64String(RootHash);
}
