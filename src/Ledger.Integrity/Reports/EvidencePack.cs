using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ledger.Integrity.Checkpoints;

namespace Ledger.Integrity.Reports;

/// <summary>
/// A report as evidence (<c>directive-ledger/report/v1</c>): the answer exactly as the read gave it, what was asked,
/// at which ledger position, by whom and when, every fact the answer rests on with its three clocks and an inclusion
/// proof against a signed checkpoint that covers the position, and the ledger's signature. The pack's bytes are its
/// RFC 8785 canonical form, so its SHA-256 names it; the signature (<see cref="Signature"/>) is a C2SP signed note,
/// by the ledger's checkpoint key, over the SHA-256 of the canonical form of the pack without its
/// <c>signature</c> member (see the Integrity README for the recipe).
/// </summary>
/// <param name="Report">what kind of report: <c>access-matrix</c>, <c>organization-history</c> or <c>model-history</c></param>
/// <param name="Query">the query as asked: <c>asOf</c>, <c>knownAt</c>, <c>position</c>, and the report's subject</param>
/// <param name="Answer">the answer exactly as the read endpoint gives it</param>
public sealed record EvidencePack(
    string Format,
    string Report,
    JsonObject Query,
    long Position,
    JsonObject Answer,
    IReadOnlyList<PackedBasis> Basis,
    PackRequester RequestedBy,
    string RequestedAt,
    PackedCheckpoint Checkpoint,
    string? Signature)
{
    public const string Version = "directive-ledger/report/v1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The pack as served: its canonical bytes.</summary>
    public byte[] Bytes() => JsonCanonicalization.Canonicalize(JsonSerializer.SerializeToNode(this, Options));

    /// <summary>The SHA-256 of a pack's bytes, lowercase hex, as <c>sha256sum</c> prints it: the name a CSV or PDF gives it.</summary>
    public static string Sha256(byte[] packBytes) => Convert.ToHexStringLower(SHA256.HashData(packBytes));

    /// <summary>The pack signed by the ledger's key: a note over the digest of its canonical form without a signature.</summary>
    public EvidencePack Seal(NoteSigner signer) =>
        this with { Signature = SignedNote.Sign(NoteText(SignedDigest(JsonSerializer.SerializeToNode(this, Options)!.AsObject())), signer).ToString() };

    /// <summary>The note text a pack's signature signs: the format and the base64 SHA-256 of the canonical pack without <c>signature</c>.</summary>
    public static string NoteText(byte[] digest) => $"{Version}\n{Convert.ToBase64String(digest)}\n";

    /// <summary>SHA-256 of the canonical form of a pack document with its <c>signature</c> member taken out.</summary>
    public static byte[] SignedDigest(JsonObject pack)
    {
        var unsigned = pack.DeepClone().AsObject();
        unsigned.Remove("signature");
        return SHA256.HashData(JsonCanonicalization.Canonicalize(unsigned));
    }

    /// <summary>Reads a pack strictly (unknown or missing members refused); throws <see cref="JsonException"/> when it is not one.</summary>
    public static EvidencePack Parse(JsonObject document) =>
        document.Deserialize<EvidencePack>(Options) ?? throw new JsonException("the pack is null");
}

/// <summary>One fact an answer rests on: its id, position and type, its three clocks as the read knows them, and where it is in the signed tree.</summary>
/// <param name="Times">effective, received (instant, zone, local wall time) and recorded time, as the ledger's histories give them</param>
/// <param name="LeafHash">base64 leaf hash (RFC 9162) of the event at <paramref name="Position"/></param>
/// <param name="InclusionProof">base64 hashes proving leaf <paramref name="LeafIndex"/> in the checkpoint's tree</param>
public sealed record PackedBasis(string EventId, long Position, string Type, JsonObject Times, long LeafIndex, string LeafHash, IReadOnlyList<string> InclusionProof);

/// <summary>Who asked: the token's subject, roles and organisation, and the clearance the answer was withheld by.</summary>
public sealed record PackRequester(string? Subject, IReadOnlyList<string> Roles, string? Organization, PackClearance Clearance);

/// <summary>How much confidential text the reader may see: all of it, or that of directives addressed to (or issued by) its organisation.</summary>
public sealed record PackClearance(bool SeesAll, string? Organization);

/// <summary>The signed checkpoint the proofs are against: its note, and the tree size, root and last position it covers.</summary>
/// <param name="LastPosition">the position of the tree's last leaf: export to it (<c>GET /api/ledger/export?to=</c>) to recompute the pack</param>
public sealed record PackedCheckpoint(string Note, long TreeSize, string RootHash, long LastPosition);
