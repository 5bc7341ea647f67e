using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Ledger.Integrity.Merkle;

namespace Ledger.Integrity.Leaves;

/// <summary>
/// One ledger event as a Merkle leaf: every column of the stored row that carries meaning, as text exactly as
/// PostgreSQL returns it, so the service (reading the row) and an offline verifier (reading the export) build
/// the same bytes. <see cref="Data"/> and <see cref="Headers"/> are jsonb text output, which PostgreSQL
/// normalises (key order, spacing), so the same stored value always prints the same way.
/// </summary>
/// <remarks>
/// A <c>leaf/v2</c> (<see cref="LeafVersion"/> 2) adds <see cref="Commitments"/> and takes as <see cref="Data"/> the
/// committed data (<see cref="TextCommitments"/>): the stored data with each confidential text replaced by its salted
/// hash, so a copy without the text still hashes to the leaf.
/// </remarks>
public sealed record LeafRecord(
    Guid Id,
    long Position,
    string? StreamId,
    long Version,
    string Type,
    string? TenantId,
    DateTimeOffset RecordedAt,
    string? CorrelationId,
    string? CausationId,
    string? UserName,
    string? Headers,
    string Data)
{
    /// <summary>The first field of every leaf: names this encoding, so a future one can never collide with it.</summary>
    public const string Format = "directive-ledger/leaf/v1";

    /// <summary>The first field of a redactable leaf.</summary>
    public const string FormatV2 = "directive-ledger/leaf/v2";

    /// <summary>1 for <see cref="Format"/>, 2 for <see cref="FormatV2"/>.</summary>
    public int LeafVersion { get; init; } = 1;

    /// <summary>v2 only: which fields of the data are committed and in which form, as PostgreSQL prints the jsonb object (null for none).</summary>
    public string? Commitments { get; init; }

    /// <summary>Recorded time as it enters the leaf: UTC, microseconds (PostgreSQL's precision), e.g. 2026-06-12T21:21:00.000000Z.</summary>
    public static string FormatTime(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The canonical bytes: for each field in a fixed order, one byte (0 = null, 1 = present), then for a present
    /// field its UTF-8 length as a 4-byte big-endian number and the bytes. Numbers are decimal, the id is the
    /// lowercase hyphenated uuid. Nothing depends on a JSON serialiser. A v2 leaf has one more field, the
    /// commitments, before the data.
    /// </summary>
    public byte[] CanonicalBytes()
    {
        string?[] fields =
        [
            LeafVersion == 2 ? FormatV2 : Format,
            Id.ToString("D"),
            Position.ToString(CultureInfo.InvariantCulture),
            StreamId,
            Version.ToString(CultureInfo.InvariantCulture),
            Type,
            TenantId,
            FormatTime(RecordedAt),
            CorrelationId,
            CausationId,
            UserName,
            Headers,
        ];
        using var buffer = new MemoryStream();
        foreach (var field in LeafVersion == 2 ? [.. fields, Commitments, Data] : fields.Append(Data))
            WriteField(buffer, field);
        return buffer.ToArray();
    }

    /// <summary>One field: 0x00 for null, else 0x01, its UTF-8 length as 4 bytes big-endian, the UTF-8.</summary>
    internal static void WriteField(Stream buffer, string? field)
    {
        if (field is null)
        {
            buffer.WriteByte(0);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(field);
        Span<byte> length = stackalloc byte[4];
        buffer.WriteByte(1);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    /// <summary>The RFC 9162 leaf hash: SHA-256(0x00 || canonical bytes).</summary>
    public byte[] LeafHash() => TreeHash.Leaf(CanonicalBytes());
}
