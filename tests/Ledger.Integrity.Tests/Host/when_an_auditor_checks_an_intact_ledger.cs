using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Api.Security;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Tests.Rfc9162;
using Ledger.Integrity.Tests.Support;

namespace Ledger.Integrity.Tests.Host;

/// <summary>The reference scenario and four more models; the auditor saved a checkpoint, then one more fact was recorded.</summary>
public sealed class IntactLedger : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public NoteVerifierKey Key { get; private set; } = null!;
    public string SavedNote { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await LedgerHost.Start();
        await Host.Record(models: 4);
        Key = await Host.Key();
        (_, var note) = await Host.Get("/api/ledger/checkpoint");
        SavedNote = note;
        await Host.Post("/api/models", new() { ["modelId"] = "later-model", ["name"] = "Recorded after the auditor saved a checkpoint" });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[Collection(HostCollection.Name)]
public sealed class when_an_auditor_checks_an_intact_ledger(IntactLedger ledger) : IClassFixture<IntactLedger>
{
    private readonly IAlbaHost _host = ledger.Host;
    private readonly NoteVerifierKey _key = ledger.Key;
    private readonly string _savedNote = ledger.SavedNote;

    [Fact]
    public async Task verification_passes_over_every_event()
    {
        var report = await _host.Verify();
        report.ShouldBe(new Ledger.Api.Integrity.VerificationReport(true, 26, 26, null, null));
    }

    [Fact]
    public async Task the_checkpoint_is_a_signed_note_of_the_whole_log()
    {
        var (status, note) = await _host.Get("/api/ledger/checkpoint");
        status.ShouldBe(200);
        var checkpoint = Checkpoint.ParseVerified(note, _key);
        checkpoint.Origin.ShouldBe("directive-ledger.local/log");
        checkpoint.Size.ShouldBe(26);
        Checkpoint.ParseVerified(_savedNote, _key).Size.ShouldBe(25);
    }

    [Fact]
    public async Task every_event_has_an_inclusion_proof_that_an_independent_verifier_accepts()
    {
        var checkpoint = Checkpoint.ParseVerified((await _host.Get("/api/ledger/checkpoint")).Body, _key);
        for (var position = 1; position <= 26; position++)
        {
            var (status, body) = await _host.Get($"/api/ledger/proofs/inclusion?position={position}&size={checkpoint.Size}");
            status.ShouldBe(200, body);
            using var proof = JsonDocument.Parse(body);
            var root = proof.RootElement;
            root.GetProperty("rootHash").GetString().ShouldBe(checkpoint.RootBase64);
            ReferenceTree.VerifyInclusion(
                root.GetProperty("leafIndex").GetInt64(), checkpoint.Size,
                Convert.FromBase64String(root.GetProperty("leafHash").GetString()!),
                root.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList(),
                checkpoint.RootHash).ShouldBeTrue($"position {position}");
        }
    }

    [Fact]
    public async Task the_saved_checkpoint_is_proved_a_prefix_of_the_latest()
    {
        var saved = Checkpoint.ParseVerified(_savedNote, _key);
        var latest = Checkpoint.ParseVerified((await _host.Get("/api/ledger/checkpoint")).Body, _key);
        var (status, body) = await _host.Get($"/api/ledger/proofs/consistency?from={saved.Size}&to={latest.Size}");
        status.ShouldBe(200, body);
        using var proof = JsonDocument.Parse(body);
        var path = proof.RootElement.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        ReferenceTree.VerifyConsistency(saved.Size, latest.Size, saved.RootHash, latest.RootHash, path).ShouldBeTrue();
    }

    [Fact]
    public async Task the_export_verifies_offline_against_the_saved_checkpoint_and_key()
    {
        var (status, bundle) = await _host.Get("/api/ledger/export");
        status.ShouldBe(200);
        var verdict = BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), _savedNote, _key);
        verdict.Problem.ShouldBeNull();
        verdict.Events.ShouldBe(26);

        var (_, partial) = await _host.Get("/api/ledger/export?to=25");
        var cut = BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(partial)), _savedNote, _key);
        cut.Problem.ShouldBeNull();
        cut.Events.ShouldBe(25);
        BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes((await _host.Get("/api/ledger/export?to=24")).Body)), _savedNote, _key)
            .Ok.ShouldBeFalse("a bundle that ends before the saved checkpoint cannot prove it");
    }

    [Fact]
    public async Task a_regulator_outside_the_addressees_gets_the_confidential_directive_withheld_and_the_bundle_still_verifies()
    {
        using var regulator = _host.Client([Roles.Regulator]);
        var bundle = await regulator.GetStringAsync("/api/ledger/export");
        bundle.ShouldNotContain("BIS is-informed letter");
        var verdict = BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), _savedNote, _key);
        verdict.Problem.ShouldBeNull();
        verdict.Withheld.ShouldBe(3, "the directive's issue, easing and rescission");

        using var addressee = _host.Client([Roles.Regulator], organization: "frontier-labs");
        var whole = BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(await addressee.GetStringAsync("/api/ledger/export"))), _savedNote, _key);
        whole.Withheld.ShouldBe(0, "a regulator of an addressee sees the directive whole");
        BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes((await _host.Get("/api/ledger/export")).Body)), _savedNote, _key)
            .Withheld.ShouldBe(0, "an auditor sees everything");
    }

    [Fact]
    public async Task an_uncleared_regulators_withheld_lines_carry_every_effect_no_text_and_no_salt()
    {
        using var regulator = _host.Client([Roles.Regulator]);
        var bundle = await regulator.GetStringAsync("/api/ledger/export");
        var read = BundleVerifier.Read(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), _savedNote, _key);
        read.Verdict.Problem.ShouldBeNull();
        read.Unreadable.ShouldBeEmpty("every fact is sealed as leaf/v2");
        read.Events.Count.ShouldBe(26);
        var salts = await IntegrityDatabase.Strings(IntegrityDatabase.Superuser, "select encode(salt, 'hex') from ledger.fact_salts");
        salts.ShouldNotBeEmpty();
        salts.Where(bundle.Contains).ShouldBeEmpty("a salt would let the reader test guesses of the text");

        var issued = read.Events.Single(e => e.Type == "directive-issued.v2");
        issued.Withheld.ShouldBeTrue();
        var data = JsonNode.Parse(issued.Data)!;
        data["reference"]!.GetValue<string>().ShouldBe("[withheld]");
        data["scope"]!["models"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["fable-5", "mythos-5"]);
        data["effectiveAt"].ShouldNotBeNull();
        data["addressees"]!.AsArray().Single()!.GetValue<string>().ShouldBe("frontier-labs");

        // The ledger's own withholding (the feed's, which subscribers read) reads every withheld fact alike.
        using var subscriber = _host.Client([Roles.Subscriber]);
        var feed = JsonNode.Parse(await subscriber.GetStringAsync("/api/feed?after=0&limit=1000"))!["events"]!.AsArray();
        foreach (var withheld in read.Events.Where(e => e.Withheld))
        {
            var envelope = feed.Single(e => e!["sequence"]!.GetValue<string>() == withheld.Position.ToString("D19") && e["sequenceindex"]!.GetValue<int>() == 0);
            JsonNode.DeepEquals(JsonNode.Parse(withheld.Data), envelope!["data"]).ShouldBeTrue($"position {withheld.Position}: {withheld.Data} read {envelope["data"]}");
        }
    }

    [Theory]
    [InlineData("\"mythos-5\"]", "\"mythos-6\"]", "a model in its scope")]
    [InlineData("\"effectiveAt\": \"2026-06-12", "\"effectiveAt\": \"2026-06-11", "its effective time")]
    [InlineData("\"confidential\": true", "\"confidential\": false", "its classification")]
    public async Task changing_an_effect_of_a_withheld_line_is_refused(string from, string to, string what)
    {
        using var regulator = _host.Client([Roles.Regulator]);
        var bundle = await regulator.GetStringAsync("/api/ledger/export");
        var line = bundle.Split('\n').Single(l => l.Contains("\"type\":\"directive-issued.v2\"", StringComparison.Ordinal));
        line.ShouldContain("\"withheld\":\"confidential\"");
        line.ShouldContain(from);
        var forged = bundle.Replace(line, line.Replace(from, to, StringComparison.Ordinal), StringComparison.Ordinal);
        BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(forged)), _savedNote, _key).Ok.ShouldBeFalse($"{what} changed in a withheld line");
    }

    [Fact]
    public async Task a_cleared_readers_bundle_reveals_texts_that_match_their_commitments()
    {
        using var addressee = _host.Client([Roles.Regulator], organization: "frontier-labs");
        var bundle = await addressee.GetStringAsync("/api/ledger/export");
        var read = BundleVerifier.Read(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), _savedNote, _key);
        read.Verdict.Problem.ShouldBeNull();
        var issued = read.Events.Single(e => e.Type == "directive-issued.v2");
        issued.Withheld.ShouldBeFalse();
        JsonNode.Parse(issued.Data)!["reference"]!.GetValue<string>().ShouldBe("BIS is-informed letter of 2026-06-12");
        bundle.ShouldContain("\"salts\":{");

        var forged = bundle.Replace("BIS is-informed letter of 2026-06-12", "BIS is-informed letter of 2026-06-13", StringComparison.Ordinal);
        var verdict = BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(forged)), _savedNote, _key);
        verdict.Ok.ShouldBeFalse();
        verdict.Problem!.ShouldContain("'reference' does not match its commitment");
    }

    [Theory]
    [InlineData("/api/ledger/proofs/inclusion?position=5&size=3", 400, "position-beyond-size")]
    [InlineData("/api/ledger/proofs/inclusion?position=5&size=999", 400, "size-beyond-tree")]
    [InlineData("/api/ledger/proofs/inclusion?position=999", 404, "no-sealed-event")]
    [InlineData("/api/ledger/proofs/inclusion?position=-1", 400, "invalid-position")]
    [InlineData("/api/ledger/proofs/inclusion", 400, "invalid-position")]
    [InlineData("/api/ledger/proofs/inclusion?position=1&size=x", 400, "invalid-size")]
    [InlineData("/api/ledger/proofs/consistency?from=9&to=3", 400, "from-after-to")]
    [InlineData("/api/ledger/proofs/consistency?from=1&to=999", 400, "size-beyond-tree")]
    [InlineData("/api/ledger/proofs/consistency?to=3", 400, "invalid-from")]
    [InlineData("/api/ledger/export?to=999", 400, "position-beyond-head")]
    [InlineData("/api/ledger/export?to=1e3", 400, "invalid-to")]
    public async Task bad_input_is_a_problem_not_an_error(string path, int expected, string rule)
    {
        var (status, body) = await _host.Get(path);
        status.ShouldBe(expected, body);
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("type").GetString().ShouldBe("https://directive-ledger.dev/problems/" + rule);
    }
}
