using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

using Ledger.Domain.Readers;

namespace Ledger.Api.Integrity;

internal sealed record InclusionProofView(long Position, long LeafIndex, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> Proof);

internal sealed record ConsistencyProofView(long From, long To, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

/// <summary>
/// The auditor's surface (product.md section 8). Hashes are standard base64, as in checkpoints. Bad input is a
/// 400 problem, a position where no ledger event is sealed is a 404.
/// </summary>
public static class IntegrityEndpoints
{
    /// <summary>The latest checkpoint of the whole committed log, as a C2SP signed note (text/plain).</summary>
    [WolverineGet("/api/ledger/checkpoint", OperationId = "getCheckpoint"), ProducesResponseType<string>(200, "text/plain")]
    [Tags("Integrity"), EndpointSummary("The latest signed checkpoint of the Merkle log (C2SP signed note)")]
    public static async Task<IResult> GetCheckpoint(CheckpointPublisher publisher, HttpContext http)
    {
        var latest = await publisher.Latest(http.RequestAborted);
        return Results.Text(latest.Note.ToString(), "text/plain; charset=utf-8");
    }

    /// <summary>The signed-note verifier key that checkpoints verify with: an auditor keeps it beside a saved checkpoint.</summary>
    [WolverineGet("/api/ledger/key", OperationId = "getVerifierKey"), ProducesResponseType<string>(200, "text/plain")]
    [Tags("Integrity"), EndpointSummary("The verifier key the checkpoints are signed with")]
    public static IResult GetKey(CheckpointPublisher publisher) =>
        Results.Text(publisher.VerifierKey + "\n", "text/plain; charset=utf-8");

    [WolverineGet("/api/ledger/proofs/inclusion", OperationId = "getInclusionProof"), ProducesResponseType<InclusionProofView>(200)]
    [Tags("Integrity"), EndpointSummary("Proof that the fact at a position is in the tree of a given size")]
    [QueryParameter<long>("position", "The ledger position of the fact", Required = true)]
    [QueryParameter<long>("size", "The tree size to prove against; default: the whole tree")]
    public static async Task<IResult> GetInclusionProof(MerkleLog tree, LedgerLog log, HttpContext http)
    {
        var size = await tree.Current(log, http.RequestAborted);
        if (!Whole(http, "position", null, out var position, out var problem) || !Whole(http, "size", size, out var treeSize, out problem))
            return problem!;
        if (tree.LeafOf(position) is not { } leaf)
            return Problems.Result(404, "no-sealed-event", "position", $"no ledger event is sealed at position {position}");
        if (treeSize > size)
            return Problems.Result(400, "size-beyond-tree", "size", $"the tree holds {size} leaves");
        if (leaf >= treeSize)
            return Problems.Result(400, "position-beyond-size", "position",
                $"position {position} is leaf {leaf}, outside a tree of size {treeSize}: ask with size above {leaf}");
        return Results.Json(tree.Read(t => new InclusionProofView(
            position, leaf, treeSize, Base64(t.LeafHash(leaf)), Base64(t.Root(treeSize)), t.InclusionProof(leaf, treeSize).Select(Base64).ToList())));
    }

    [WolverineGet("/api/ledger/proofs/consistency", OperationId = "getConsistencyProof"), ProducesResponseType<ConsistencyProofView>(200)]
    [Tags("Integrity"), EndpointSummary("Proof that the tree of one size is a prefix of the tree of a larger size")]
    [QueryParameter<long>("from", "The smaller tree size", Required = true)]
    [QueryParameter<long>("to", "The larger tree size; default: the whole tree")]
    public static async Task<IResult> GetConsistencyProof(MerkleLog tree, LedgerLog log, HttpContext http)
    {
        var size = await tree.Current(log, http.RequestAborted);
        if (!Whole(http, "from", null, out var from, out var problem) || !Whole(http, "to", size, out var to, out problem))
            return problem!;
        if (to > size)
            return Problems.Result(400, "size-beyond-tree", "to", $"the tree holds {size} leaves");
        if (from > to)
            return Problems.Result(400, "from-after-to", "from", "from is a tree size no larger than to");
        return Results.Json(tree.Read(t => new ConsistencyProofView(
            from, to, Base64(t.Root(from)), Base64(t.Root(to)), t.ConsistencyProof(from, to).Select(Base64).ToList())));
    }

    [WolverineGet("/api/ledger/verify", OperationId = "verifyLedger"), ProducesResponseType<VerificationReport>(200)]
    [Tags("Integrity"), EndpointSummary("Verify every fact, leaf, checkpoint and feed envelope, reporting every bad position")]
    public static Task<VerificationReport> GetVerification(LedgerVerification verification, HttpContext http) =>
        verification.Run(http.RequestAborted);

    /// <summary>
    /// The export bundle of the log up to position <c>to</c> (default: all of it), as NDJSON. A reader who may not
    /// see a confidential directive's text (a regulator whose organisation is not an addressee) gets its events as
    /// withheld lines: leaf hash and position, no content, so the bundle still verifies against any checkpoint.
    /// </summary>
    [WolverineGet("/api/ledger/export", OperationId = "exportLedger"), ProducesResponseType<string>(200, "application/x-ndjson")]
    [Tags("Integrity"), EndpointSummary("The export bundle (NDJSON) of the log up to a position, to verify offline")]
    [QueryParameter<long>("to", "The last position to export; default: the last sealed position")]
    public static async Task<IResult> GetExport(BundleExport export, LedgerLog log, HttpContext http)
    {
        var head = await export.Head(http.RequestAborted);
        if (!Whole(http, "to", head, out var requested, out var problem))
            return problem!;
        if (requested > head)
            return Problems.Result(400, "position-beyond-head", "to", $"the ledger's last sealed position is {head}");
        var (to, size) = export.Cut(requested);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"ledger-bundle-{to}.ndjson\"";
        var snapshot = await log.Current(http.RequestAborted);
        var withheld = BundleExport.Withheld(snapshot, Withholding.For(snapshot.Knowledge, http.User.Clearance()));
        return Results.Stream(body => export.Write(body, to, size, withheld, http.RequestAborted), "application/x-ndjson");
    }

    private static bool Whole(HttpContext http, string name, long? fallback, out long value, out IResult? problem)
    {
        problem = null;
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0 && fallback is { } otherwise)
        {
            value = otherwise;
            return true;
        }

        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value))
            return true;
        problem = Problems.Result(400, $"invalid-{name}", name, $"{name} is a whole number from 0");
        return false;
    }

    private static string Base64(byte[] hash) => Convert.ToBase64String(hash);
}
