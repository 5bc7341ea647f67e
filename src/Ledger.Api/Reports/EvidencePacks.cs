using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Http;
using Ledger.Api.Integrity;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Ledger.Domain.Access;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Register;
using Ledger.Integrity.Reports;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Reports;

/// <summary>
/// Makes the evidence pack of a read's answer (<see cref="EvidencePack"/>): the answer as the read serialises it, the
/// clocks of every fact it rests on as known at the read's position, an inclusion proof of each against the first
/// stored checkpoint that covers the position, who asked and when, and the ledger's signature.
/// Public because the generated report handlers take it.
/// </summary>
public sealed class EvidencePacks(MerkleLog tree, LedgerLog log, CheckpointPublisher checkpoints, LedgerKey key, IOptions<JsonOptions> json, TimeProvider clock)
{
    /// <summary>A pack, or null when a fact it rests on is not sealed in the Merkle log (the log and the tree have parted).</summary>
    public async Task<EvidencePack?> Make(
        string report, ReadCoordinates read, HttpContext http, object answer, IEnumerable<BasisEvent> basis, CancellationToken ct)
    {
        await tree.Current(log, ct);
        var known = read.Cut.Knowledge;
        var position = read.Cut.Position;
        var checkpoint = await checkpoints.Covering(tree.SizeAt(position), ct);
        var size = checkpoint.Checkpoint.Size;
        var packed = new List<PackedBasis>();
        foreach (var fact in basis.DistinctBy(b => b.Position).OrderBy(b => b.Position))
        {
            if (tree.LeafOf(fact.Position) is not { } leaf || leaf >= size || known.Find(fact.EventId) is not { } found)
                return null;
            packed.Add(tree.Read(t => new PackedBasis(
                fact.EventId, fact.Position, fact.Type, Node(FactTimes.Of(found)), leaf,
                Convert.ToBase64String(t.LeafHash(leaf)), t.InclusionProof(leaf, size).Select(Convert.ToBase64String).ToList())));
        }

        var user = http.User;
        var clearance = user.Clearance();
        return new EvidencePack(
            EvidencePack.Version,
            report,
            Query(report, http.Request),
            position,
            Node(answer),
            packed,
            new PackRequester(user.Subject(), user.Roles().Order(StringComparer.Ordinal).ToList(), user.Organization(),
                new PackClearance(clearance.SeesAll, clearance.Organization)),
            Node(clock.GetUtcNow()).GetValue<string>(),
            new PackedCheckpoint(checkpoint.Note.ToString(), size, checkpoint.Checkpoint.RootBase64, size == 0 ? 0 : tree.PositionOf(size - 1)),
            null).Seal(key.Signer);
    }

    /// <summary>The facts a history's entries rest on: each entry's own fact, the facts it references, and its corrections.</summary>
    public static IEnumerable<BasisEvent> Of(IEnumerable<AuditEntry> entries) =>
        entries.SelectMany(e => e.Basis
            .Append(new BasisEvent(e.EventId, e.Times.Position, e.Type))
            .Concat(e.Corrections.Select(c => new BasisEvent(c.CorrectionId, c.Position, Domain.Facts.CorrectionRecordedKind.Instance.StoredName))));

    /// <summary>
    /// The query as asked: the point-in-time coordinates, the matrix's filters (a history has its subject in the path
    /// instead), absent ones as null.
    /// </summary>
    private static JsonObject Query(string report, HttpRequest request)
    {
        var query = new JsonObject();
        string[] coordinates = ["asOf", "knownAt", "position"];
        foreach (var name in report == "access-matrix" ? [.. coordinates, "modelId", "organizationId"] : coordinates)
            query[name] = request.Query.TryGetValue(name, out var value) ? value.ToString() : null;
        foreach (var (name, value) in request.RouteValues.Where(r => r.Key.EndsWith("Id", StringComparison.Ordinal)))
            query[name] = value?.ToString();
        return query;
    }

    private JsonObject Node(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions)!.AsObject();

    private JsonValue Node(DateTimeOffset value) => JsonSerializer.SerializeToNode(value, json.Value.SerializerOptions)!.AsValue();
}
