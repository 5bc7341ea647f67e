using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Domain.Facts;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Merkle;
using Ledger.Integrity.Tests.Support;

namespace Ledger.Integrity.Tests.Kinds;

/// <summary>
/// One fact of every kind the ledger stores, each chosen so that it changes an answer, followed through every place a
/// fact lives: admission (201), the fold and the register and history views (it is listed), the interval read model
/// (the matrix at its position differs from the one just before it), the feed (its own envelope), the Merkle log (an
/// inclusion proof) and the export (its line, in a bundle that verifies). A kind without an example here fails.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class when_every_kind_of_fact_is_recorded(EveryKindRecorded ledger) : IClassFixture<EveryKindRecorded>
{
    private const string Model = "kind-model", Organization = "kind-org", Directive = "D-kinds";

    /// <summary>Per stored name: where to write it, what, and an instant at which it changes the matrix.</summary>
    public static readonly IReadOnlyList<(string Type, string Path, JsonObject Body, string AsOf)> Examples =
    [
        ("model-registered.v1", "/api/models", new JsonObject { ["modelId"] = Model, ["name"] = "Kind model" }, "2026-06-15T00:00:00Z"),
        ("organization-registered.v1", "/api/organizations", new JsonObject
        {
            ["organizationId"] = Organization, ["name"] = "Kind org", ["country"] = "US", ["usPersonEntity"] = true,
            ["sectors"] = new JsonArray("energy"), ["isAddressee"] = true,
        }, "2026-06-15T00:00:00Z"),
        ("directive-issued.v2", "/api/directives", new JsonObject
        {
            ["directiveId"] = Directive, ["reference"] = "Letter", ["issuer"] = "BIS", ["authorities"] = new JsonArray("15 CFR 744.22"),
            ["kind"] = "letter", ["channel"] = "email", ["confidential"] = true, ["addressees"] = new JsonArray(Organization),
            ["scope"] = Scope("foreign-persons"), ["effectiveAt"] = "2026-06-01T00:00:00Z", ["receivedAt"] = "2026-06-01T00:00:00Z",
            ["receivedTimeZone"] = "UTC", ["documents"] = Documents(),
        }, "2026-06-01T12:00:00Z"),
        ("directive-amended.v1", $"/api/directives/{Directive}/amendments", new JsonObject
        {
            ["amendmentId"] = "A-kinds", ["scope"] = Scope("all-persons"), ["effectiveAt"] = "2026-06-02T00:00:00Z",
            ["receivedAt"] = "2026-06-02T00:00:00Z", ["receivedTimeZone"] = "UTC", ["documents"] = Documents(),
        }, "2026-06-02T12:00:00Z"),
        ("easing-granted.v1", $"/api/directives/{Directive}/easings", new JsonObject
        {
            ["easingId"] = "E-kinds", ["models"] = new JsonArray(Model), ["coversListedOrganizations"] = true,
            ["coversAddresseeForeignEmployees"] = true, ["conditions"] = new JsonArray("vetted only"), ["effectiveAt"] = "2026-06-03T00:00:00Z",
            ["receivedAt"] = "2026-06-03T00:00:00Z", ["receivedTimeZone"] = "UTC", ["documents"] = Documents(),
        }, "2026-06-03T12:00:00Z"),
        ("organization-vetted.v1", $"/api/organizations/{Organization}/vettings", new JsonObject
        {
            ["vettingId"] = "V-kinds", ["easingId"] = "E-kinds", ["outcome"] = "approved", ["vettedBy"] = "compliance",
            ["criteria"] = new JsonArray("critical infrastructure"), ["effectiveAt"] = "2026-06-04T00:00:00Z",
        }, "2026-06-04T12:00:00Z"),
        ("vetting-revoked.v1", $"/api/organizations/{Organization}/vettings/V-kinds/revocations",
            new JsonObject { ["effectiveAt"] = "2026-06-05T00:00:00Z", ["reason"] = "left the annex" }, "2026-06-05T12:00:00Z"),
        ("access-suspended.v1", "/api/access/suspensions", new JsonObject
        {
            ["suspensionId"] = "S-kinds", ["modelId"] = Model, ["personClasses"] = new JsonArray("us-person", "foreign-person"),
            ["effectiveAt"] = "2026-06-06T00:00:00Z", ["reason"] = "cannot verify nationality",
        }, "2026-06-06T12:00:00Z"),
        ("directive-rescinded.v1", $"/api/directives/{Directive}/rescissions", new JsonObject
        {
            ["rescissionId"] = "RS-kinds", ["effectiveAt"] = "2026-06-07T00:00:00Z", ["receivedAt"] = "2026-06-07T00:00:00Z",
            ["receivedTimeZone"] = "UTC", ["documents"] = Documents(),
        }, "2026-06-07T12:00:00Z"),
        ("access-restored.v1", "/api/access/restorations", new JsonObject
        {
            ["restorationId"] = "R-kinds", ["modelId"] = Model, ["organizationId"] = Organization,
            ["personClasses"] = new JsonArray("us-person", "foreign-person"), ["effectiveAt"] = "2026-06-08T00:00:00Z",
        }, "2026-06-08T12:00:00Z"),
        ("correction-recorded.v1", "/api/corrections", new JsonObject
        {
            ["correctionId"] = "C-kinds", ["eventId"] = "R-kinds", ["field"] = "effectiveAt", ["value"] = "2026-06-09T00:00:00Z",
            ["reason"] = "restored a day later than recorded",
        }, "2026-06-08T12:00:00Z"),
    ];

    /// <summary>Stored versions no longer written: nothing here can record them, so their reading is tested where it is done.</summary>
    private static readonly IReadOnlyDictionary<string, string> Superseded = new Dictionary<string, string>
    {
        ["directive-issued.v1"] = "read as directive-issued.v2 (Ledger.Domain.Tests: when_a_directive_recorded_before_addressees_is_read)",
    };

    public static IEnumerable<object[]> Kinds =>
        LedgerEventTypes.Names.Values.Where(name => !Superseded.ContainsKey(name)).Order().Select(name => new object[] { name });

    [Fact]
    public void a_superseded_version_is_refused_for_writing()
    {
        ILedgerFact old = new DirectiveIssuedV1("D-old", "ref", "BIS", [], Domain.Vocabulary.DirectiveKind.Letter, "email", null, false,
            new DirectiveScope([Model], Domain.Vocabulary.PersonScope.ForeignPersons, []), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "UTC", []);
        Superseded.Keys.ShouldBe([old.Kind.StoredName]);
        old.Kind.Shape(old, Domain.Knowledge.LedgerKnowledge.Empty, DateTimeOffset.UtcNow)!.Rule.ShouldBe("superseded-kind");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task each_kind_lives_in_every_place_a_fact_lives(string type)
    {
        ledger.Recorded.ShouldContainKey(type, $"add an example of {type} to {nameof(Examples)}: every kind must be followed through the ledger");
        var (position, id) = ledger.Recorded[type];
        var asOf = Examples.Single(e => e.Type == type).AsOf;

        var views = string.Concat(await Read($"/api/directives/{Directive}"), await Read($"/api/models/{Model}/history"),
            await Read($"/api/organizations/{Organization}/history"));
        views.ShouldContain($"\"{id}\"", customMessage: $"{type} is not in the register or a history");

        (await Cells(asOf, position)).ShouldNotBe(await Cells(asOf, position - 1), $"{type} changed no cell of the matrix at {asOf}");

        var feed = JsonNode.Parse(await Read($"/api/feed?after={position - 1}&limit=1"))!["events"]!.AsArray();
        feed[0]!["type"]!.GetValue<string>().ShouldBe($"ledger.{type}");
        feed[0]!["id"]!.GetValue<string>().ShouldBe(id);

        var proof = JsonNode.Parse(await Read($"/api/ledger/proofs/inclusion?position={position}"))!;
        Proofs.VerifyInclusion(proof["leafIndex"]!.GetValue<long>(), proof["treeSize"]!.GetValue<long>(), Hash(proof["leafHash"]!),
            proof["proof"]!.AsArray().Select(h => Hash(h!)).ToList(), Hash(proof["rootHash"]!)).ShouldBeTrue();

        var bundle = await Read("/api/ledger/export");
        BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), await Read("/api/ledger/checkpoint"), await ledger.Host.Key())
            .Problem.ShouldBeNull();
        bundle.Split('\n').Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!)
            .ShouldContain(line => line["position"] != null && line["position"]!.GetValue<long>() == position && line["type"]!.GetValue<string>() == type);
    }

    private async Task<string> Read(string path)
    {
        var (status, body) = await ledger.Host.Get(path);
        status.ShouldBe(200, $"GET {path}: {body}");
        return body;
    }

    /// <summary>The matrix's cells at an instant, as known at a position: their states, since and basis, not the read's own coordinates.</summary>
    private async Task<string> Cells(string asOf, long position) =>
        JsonNode.Parse(await Read($"/api/access-matrix?asOf={asOf}&position={position}"))!["cells"]!.ToJsonString();

    private static byte[] Hash(JsonNode base64) => Convert.FromBase64String(base64.GetValue<string>());

    private static JsonObject Scope(string persons) => new()
    {
        ["models"] = new JsonArray(Model), ["persons"] = persons, ["activities"] = new JsonArray("model-access"),
    };

    private static JsonArray Documents() => new(new JsonObject { ["sha256"] = new string('d', 64), ["title"] = "The instrument" });
}

/// <summary>A ledger holding one recorded example of every kind, with where each landed.</summary>
public sealed class EveryKindRecorded : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public Dictionary<string, (long Position, string Id)> Recorded { get; } = [];

    public async Task InitializeAsync()
    {
        Host = await LedgerHost.Start();
        using var client = Host.Client();
        foreach (var (type, path, body, _) in when_every_kind_of_fact_is_recorded.Examples)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(201, $"{type}: {text}");
            var receipt = JsonNode.Parse(text)!;
            Recorded[type] = (receipt["position"]!.GetValue<long>(), receipt["id"]!.GetValue<string>());
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
