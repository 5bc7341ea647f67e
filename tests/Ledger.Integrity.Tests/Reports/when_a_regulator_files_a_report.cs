using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Api.Security;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Readers;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Reports;
using Ledger.Integrity.Tests.Support;
using Ledger.Verifier;
using Ledger.Verifier.Reports;

namespace Ledger.Integrity.Tests.Reports;

/// <summary>
/// Issue 15: "who could use mythos-5 on 27 June, as known on 1 July" as evidence a regulator can file, checked the way
/// a third party would: offline, with the verifier, down to recomputing every cell from the ledger's own facts.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class when_a_regulator_files_a_report(ReportLedger ledger) : IClassFixture<ReportLedger>
{
    private async Task<string> Pack(string query = "") =>
        ledger.Save("pack.json", await ledger.Report($"/api/reports/access-matrix?{(query.Length == 0 ? ledger.MatrixQuery : query)}"));

    private string Bundle() => ledger.Save("bundle.ndjson", ledger.Bundle);

    private static (int Exit, string Output) Verify(string pack, string key, string? bundle = null)
    {
        using var output = new StringWriter();
        var exit = Commands.Report(new FileInfo(pack), key, bundle is null ? null : new FileInfo(bundle), output);
        return (exit, output.ToString().Trim());
    }

    [Fact]
    public async Task the_pack_carries_the_answer_exactly_as_the_read_gives_it_with_the_clocks_of_every_basis_event()
    {
        var pack = EvidencePack.Parse(JsonNode.Parse(File.ReadAllText(await Pack()))!.AsObject());
        var (_, read) = await ledger.Host.Get($"/api/access-matrix?{ledger.MatrixQuery}");

        JsonNode.DeepEquals(pack.Answer, JsonNode.Parse(read)).ShouldBeTrue();
        pack.Position.ShouldBe(ledger.KnownOnTheFirstOfJuly);
        pack.Query["modelId"]!.GetValue<string>().ShouldBe(ReportLedger.Mythos);
        pack.RequestedBy.Subject.ShouldBe("integrity-tests");
        pack.RequestedBy.Roles.ShouldBe(Roles.All.Order(StringComparer.Ordinal).ToList());
        var cited = pack.Answer["cells"]!.AsArray().SelectMany(c => c!["basis"]!.AsArray().Select(b => b!["position"]!.GetValue<long>())).Distinct().Order();
        pack.Basis.Select(b => b.Position).ShouldBe(cited);
        var directive = pack.Basis.Single(b => b.Type == "directive-issued.v2");
        directive.Times["receivedTimeZone"]!.GetValue<string>().ShouldBe("America/New_York");
        directive.Times["receivedLocalTime"]!.GetValue<string>().ShouldBe("2026-06-12T17:21:00");
        directive.Times["effectiveAt"].ShouldNotBeNull();
        directive.Times["recordedAt"].ShouldNotBeNull();
        Checkpoint.ParseVerified(pack.Checkpoint.Note, ledger.Key).Size.ShouldBeGreaterThanOrEqualTo(pack.Basis.Max(b => b.LeafIndex) + 1);
    }

    [Fact]
    public async Task the_pack_verifies_offline_and_recomputes_from_an_auditors_bundle()
    {
        var pack = await Pack();

        var alone = Verify(pack, ledger.Key.ToString());
        alone.Exit.ShouldBe(Commands.Verified, alone.Output);
        alone.Output.ShouldStartWith($"OK: access-matrix report at position {ledger.KnownOnTheFirstOfJuly}");

        var recomputed = Verify(pack, ledger.Key.ToString(), Bundle());
        recomputed.Exit.ShouldBe(Commands.Verified, recomputed.Output);
        var cells = JsonNode.Parse(File.ReadAllText(pack))!["answer"]!["cells"]!.AsArray().Count;
        cells.ShouldBeGreaterThanOrEqualTo(12);
        recomputed.Output.ShouldContain($"all {cells} rows recomputed from the facts");
    }

    [Fact]
    public async Task the_ledger_verify_program_checks_the_pack_and_recomputes_it()
    {
        var (exit, output) = ReportLedger.Run("dotnet", Path.Combine(AppContext.BaseDirectory, "ledger-verify.dll"),
            "report", "--report", await Pack(), "--key", Path.Combine(ledger.Folder.FullName, "ledger.key"), "--bundle", Bundle());

        exit.ShouldBe(0, output);
        output.ShouldStartWith("OK: access-matrix report");
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }

    [Fact]
    public async Task a_pack_with_one_verdict_flipped_fails_and_says_which_cell_and_what_the_facts_imply()
    {
        var forged = JsonNode.Parse(File.ReadAllText(await Pack()))!.AsObject();
        var cell = forged["answer"]!["cells"]!.AsArray()
            .Single(c => c!["organizationId"]!.GetValue<string>() == ReportLedger.Acme && c["personClass"]!.GetValue<string>() == "foreign-person")!;
        cell["access"]!.GetValue<string>().ShouldBe("denied");
        cell["access"] = "allowed";
        var path = ledger.Save("forged.json", forged.ToJsonString());

        var alone = Verify(path, ledger.Key.ToString());
        alone.Exit.ShouldBe(Commands.Failed);
        alone.Output.ShouldBe("FAILED: the pack's content does not match its signature: it was changed after the ledger signed it");

        var recomputed = Verify(path, ledger.Key.ToString(), Bundle());
        recomputed.Exit.ShouldBe(Commands.Failed);
        recomputed.Output.ShouldContain($"cell {ReportLedger.Mythos} × {ReportLedger.Acme} × foreign-person: the pack says access \"allowed\", the facts imply access \"denied\"");
        File.WriteAllText(ReportLedger.Artifacts("forged-pack-verifier-output.txt"), recomputed.Output + "\n");
    }

    [Fact]
    public async Task a_pack_re_signed_by_another_key_fails()
    {
        var pack = EvidencePack.Parse(JsonNode.Parse(File.ReadAllText(await Pack()))!.AsObject());
        using var impostor = NoteSigner.Generate(ledger.Key.Name);
        var path = ledger.Save("impostor.json", pack.Seal(impostor).Bytes());

        var (exit, output) = Verify(path, ledger.Key.ToString(), Bundle());

        exit.ShouldBe(Commands.Failed);
        output.ShouldContain($"the pack is not signed by {ledger.Key}");
    }

    [Fact]
    public async Task malformed_files_truncated_bundles_and_another_ledgers_bundle_fail_with_a_reason()
    {
        var pack = await Pack();
        var key = ledger.Key.ToString();

        Verify(ledger.Save("broken.json", "{\"format\":\"directive-ledger/report/v1\",\"answer\":"), key).ShouldSatisfyAllConditions(
            r => r.Exit.ShouldBe(Commands.Failed), r => r.Output.ShouldStartWith("FAILED: the pack is malformed"));
        Verify(ledger.Save("not-utf8.json", new byte[] { 0x7b, 0xff, 0x7d }), key).Exit.ShouldBe(Commands.Failed);
        Verify(pack, key, ledger.Save("missing.ndjson", "")).Exit.ShouldBe(Commands.Failed);

        var lines = ledger.Bundle.Split('\n');
        var truncated = Verify(pack, key, ledger.Save("truncated.ndjson", string.Join('\n', lines.Take(lines.Length / 2))));
        truncated.Exit.ShouldBe(Commands.Failed);
        truncated.Output.ShouldContain("the bundle does not verify against the pack's checkpoint");

        // Another ledger under the same key and origin: its events do not hash to the pack's checkpoint.
        using var signer = NoteSigner.Parse(File.ReadAllText(ledger.KeyFile).Trim());
        var events = Support.Bundles.Events(40);
        var other = Verify(pack, key, ledger.Save("other.ndjson", Support.Bundles.Build(events, signer, 40)));
        other.Exit.ShouldBe(Commands.Failed);
        other.Output.ShouldContain("the bundle does not verify against the pack's checkpoint");

        var shorter = Verify(pack, key, ledger.Save("short.ndjson", (await ledger.Host.Get($"/api/ledger/export?to={ledger.KnownOnTheFirstOfJuly - 5}")).Body));
        shorter.Exit.ShouldBe(Commands.Failed);
        shorter.Output.ShouldContain("export further");
    }

    [Fact]
    public async Task histories_are_reported_withheld_for_an_uncleared_regulator_and_still_recompute()
    {
        var regulator = await ledger.Report($"/api/reports/models/{ReportLedger.Mythos}/history?position={ledger.KnownOnTheFirstOfJuly}", [Roles.Regulator]);
        var pack = EvidencePack.Parse(JsonNode.Parse(regulator)!.AsObject());
        pack.Answer["entries"]!.AsArray().ShouldContain(e => e!["redacted"]!.GetValue<bool>());
        Encoding.UTF8.GetString(regulator).ShouldContain(Withholding.Marker);

        var result = Verify(ledger.Save("model-history.json", regulator), ledger.Key.ToString(), Bundle());
        result.Exit.ShouldBe(Commands.Verified, result.Output);

        var organization = Verify(
            ledger.Save("organization-history.json", await ledger.Report($"/api/reports/organizations/{ReportLedger.WaterCoop}/history")), ledger.Key.ToString(), Bundle());
        organization.Exit.ShouldBe(Commands.Verified, organization.Output);
    }

    [Fact]
    public async Task an_uncleared_regulators_own_withheld_bundle_verifies_and_recomputes_its_own_pack()
    {
        using var regulator = ledger.Host.Client([Roles.Regulator], "acme-analytics");
        var bundle = await regulator.GetStringAsync("/api/ledger/export");
        bundle.ShouldContain("\"withheld\"");
        bundle.ShouldNotContain("BIS is-informed letter", Case.Sensitive, "the directive's reference is confidential text");
        var pack = ledger.Save("uncleared-pack.json", await ledger.Report(
            $"/api/reports/models/{ReportLedger.Mythos}/history?position={ledger.KnownOnTheFirstOfJuly}", [Roles.Regulator], "acme-analytics"));

        var result = Verify(pack, ledger.Key.ToString(), ledger.Save("uncleared-bundle.ndjson", bundle));
        result.Exit.ShouldBe(Commands.Verified, result.Output);

        var matrix = Verify(ledger.Save("uncleared-matrix.json", await ledger.Report(
            $"/api/reports/access-matrix?{ledger.MatrixQuery}", [Roles.Regulator], "acme-analytics")), ledger.Key.ToString(), ledger.Save("uncleared-bundle.ndjson", bundle));
        matrix.Exit.ShouldBe(Commands.Verified, matrix.Output);
        matrix.Output.ShouldContain("rows recomputed from the facts");
    }

    [Fact]
    public async Task facts_whose_text_reads_as_withheld_recompute_the_same_cells()
    {
        var pack = EvidencePack.Parse(JsonNode.Parse(File.ReadAllText(await Pack()))!.AsObject());
        var events = BundleVerifier.Read(new MemoryStream(Encoding.UTF8.GetBytes(ledger.Bundle)), pack.Checkpoint.Note, ledger.Key).Events;
        var known = Domain.Knowledge.LedgerKnowledge.Empty;
        var withheld = new List<VerifiedEvent>();
        var uncleared = new List<(VerifiedEvent Event, ILedgerFact Fact)>();
        foreach (var recorded in events)
        {
            var type = LedgerEventTypes.Names.Single(n => n.Value == recorded.Type).Key;
            var fact = (ILedgerFact)System.Text.Json.JsonSerializer.Deserialize(recorded.Data, type, LedgerJson.Options)!;
            known = known.Evolve(new Domain.Knowledge.RecordedFact(fact, recorded.Position, recorded.Version, recorded.RecordedAt, recorded.UserName));
            uncleared.Add((recorded, fact));
        }

        var reader = Withholding.For(known, Clearance.None);
        foreach (var (recorded, fact) in uncleared)
            withheld.Add(recorded with { Data = reader.Json(fact).ToJsonString(LedgerJson.Options) });
        withheld.Count(e => e.Data.Contains(Withholding.Marker, StringComparison.Ordinal)).ShouldBeGreaterThan(0);

        Recomputation.Check(pack, withheld).Disagreement.ShouldBeNull();
    }

    [Fact]
    public async Task csv_rows_carry_the_sha256_of_the_pack_the_same_request_gives_as_json()
    {
        await using var frozen = await LedgerHost.Start(new FrozenClock(DateTimeOffset.UtcNow), ledger.KeyFile);
        using var client = frozen.Client();
        var path = $"/api/reports/access-matrix?{ledger.MatrixQuery}";
        var json = await client.GetByteArrayAsync(path + "&format=json");
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync(path + "&format=csv"));

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(json));
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(1 + JsonNode.Parse(json)!["answer"]!["cells"]!.AsArray().Count);
        rows[0].ShouldBe("modelId,organizationId,personClass,legal,provider,access,since,basisPositions,explanation,position,packSha256");
        rows.Skip(1).ShouldAllBe(r => r.EndsWith($",{ledger.KnownOnTheFirstOfJuly},{sha256}", StringComparison.Ordinal));
        rows.ShouldContain(r => r.StartsWith($"{ReportLedger.Mythos},{ReportLedger.Acme},foreign-person,restricted,suspended,denied,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_pdf_reads_back_with_the_table_the_checkpoint_root_and_the_pack_inside()
    {
        var path = ReportLedger.Artifacts("access-matrix.pdf");
        await File.WriteAllBytesAsync(path, await ledger.Report($"/api/reports/access-matrix?{ledger.MatrixQuery}&format=pdf"));
        var pack = EvidencePack.Parse(JsonNode.Parse(File.ReadAllText(await Pack()))!.AsObject());

        var (exit, text) = ReportLedger.Run("pdftotext", "-layout", path, "-");
        exit.ShouldBe(0, text);
        text.ShouldContain("Access matrix report");
        text.ShouldContain($"Who could use {ReportLedger.Mythos} at {ReportLedger.OnTheTwentySeventh}");
        text.ShouldContain("08:00:00 -04:00 in America/New_York");
        text.ShouldContain(pack.Checkpoint.RootHash);
        text.ShouldContain("ledger-verify report");
        foreach (var cell in pack.Answer["cells"]!.AsArray())
            text.ShouldContain(cell!["organizationId"]!.GetValue<string>());
        text.ShouldContain("denied");

        var attached = Directory.CreateTempSubdirectory("ledger-report-pdf-");
        ReportLedger.Run("pdfdetach", "-saveall", "-o", attached.FullName, path).Exit.ShouldBe(0);
        var inside = await File.ReadAllBytesAsync(Path.Combine(attached.FullName, "evidence-pack.json"));
        text.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(inside)));
        Verify(Path.Combine(attached.FullName, "evidence-pack.json"), ledger.Key.ToString(), Bundle()).Exit.ShouldBe(Commands.Verified);

        var (rendered, output) = ReportLedger.Run("pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", path, ReportLedger.Artifacts("access-matrix-page"));
        rendered.ShouldBe(0, output);
        File.Exists(ReportLedger.Artifacts("access-matrix-page-1.png")).ShouldBeTrue();
    }

    [Fact]
    public async Task a_table_longer_than_a_page_continues_on_the_next()
    {
        var path = ReportLedger.Artifacts("model-history.pdf");
        await File.WriteAllBytesAsync(path, await ledger.Report($"/api/reports/access-matrix?asOf={ReportLedger.OnTheTwentySeventh}&format=pdf"));

        var (_, info) = ReportLedger.Run("pdfinfo", path);
        int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim()).ShouldBeGreaterThan(1);
        var (_, second) = ReportLedger.Run("pdftotext", "-f", "2", "-l", "2", "-layout", path, "-");
        second.ShouldContain("Organisation");
    }

    [Theory]
    [InlineData("/api/reports/access-matrix?position=99999", 400, "position-beyond-head", "position")]
    [InlineData("/api/reports/access-matrix?position=3&knownAt=2026-07-01T00:00:00Z", 400, "knownat-with-position", "position")]
    [InlineData("/api/reports/access-matrix?modelId=no-such-model", 404, "model-not-found", "modelId")]
    [InlineData("/api/reports/access-matrix?organizationId=no-such-org", 404, "organization-not-found", "organizationId")]
    [InlineData("/api/reports/organizations/no-such-org/history", 404, "organization-not-found", "organizationId")]
    [InlineData("/api/reports/models/no-such-model/history?format=pdf", 404, "model-not-found", "modelId")]
    [InlineData("/api/reports/access-matrix?format=xml", 406, "unsupported-format", "format")]
    [InlineData("/api/reports/models/mythos-5/history?format=", 406, "unsupported-format", "format")]
    public async Task bad_input_is_a_problem_naming_the_rule_and_the_field(string path, int status, string rule, string field)
    {
        var (answered, body) = await ledger.Host.Get(path);

        answered.ShouldBe(status, body);
        var problem = JsonNode.Parse(body)!;
        problem["rule"]!.GetValue<string>().ShouldBe(rule);
        problem["field"]!.GetValue<string>().ShouldBe(field);
    }

    [Fact]
    public async Task accept_chooses_the_format_and_format_wins_over_it()
    {
        using var client = ledger.Host.Client();
        async Task<(int Status, string? Type, string Body)> Ask(string path, string accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }

        var path = $"/api/reports/access-matrix?{ledger.MatrixQuery}";
        (await Ask(path, "text/csv")).Type.ShouldBe("text/csv");
        (await Ask(path, "application/pdf")).Type.ShouldBe("application/pdf");
        (await Ask(path, "*/*")).Type.ShouldBe("application/json");
        (await Ask(path + "&format=json", "application/pdf")).Type.ShouldBe("application/json");
        var refused = await Ask(path, "image/png");
        refused.Status.ShouldBe(406);
        JsonNode.Parse(refused.Body)!["field"]!.GetValue<string>().ShouldBe("Accept");
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
