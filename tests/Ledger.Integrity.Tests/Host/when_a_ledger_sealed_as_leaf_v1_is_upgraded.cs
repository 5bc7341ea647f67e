using System.Text;
using System.Text.Json.Nodes;
using Ledger.Api.Security;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Tests.Support;
using Ledger.Verifier;

namespace Ledger.Integrity.Tests.Host;

/// <summary>
/// A ledger that recorded the reference scenario before <c>leaf/v2</c> (sealed as v1), then, upgraded, a second
/// confidential directive and a correction of the first one's text (sealed as v2): both encodings verify side by side,
/// in the service and offline.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class when_a_ledger_sealed_as_leaf_v1_is_upgraded
{
    [Fact]
    public async Task leaves_of_both_encodings_verify_together_in_the_service_and_offline()
    {
        await using (var before = await LedgerHost.Start(leafVersion: 1))
            await before.Record();
        await using var host = await LedgerHost.Start(reset: false);
        await host.Post("/api/directives", new JsonObject
        {
            ["directiveId"] = "D-2026-07-01-01", ["reference"] = "Second letter, sealed as v2", ["issuer"] = "US Department of Commerce",
            ["authorities"] = new JsonArray("15 CFR 744.22"), ["kind"] = "letter", ["channel"] = "email", ["confidential"] = true,
            ["addressees"] = new JsonArray("frontier-labs"), ["rationale"] = "A rationale sealed as v2",
            ["scope"] = new JsonObject { ["models"] = new JsonArray("fable-5"), ["persons"] = "foreign-persons", ["activities"] = new JsonArray() },
            ["effectiveAt"] = "2026-07-01T00:00:00Z", ["receivedAt"] = "2026-07-01T00:00:00Z", ["receivedTimeZone"] = "UTC",
            ["documents"] = new JsonArray(new JsonObject { ["sha256"] = new string('b', 64), ["title"] = "Second letter", ["uri"] = "https://letters.example/2" }),
        });
        await host.Post("/api/corrections", new JsonObject
        {
            ["correctionId"] = "C-2026-07-02-01", ["eventId"] = "D-2026-06-12-01", ["field"] = "reference",
            ["value"] = "BIS is-informed letter of 12 June 2026", ["reason"] = "The reference as the letter gives it",
        });
        await host.AddModels(2);

        var report = await host.Verify();
        report.Problem.ShouldBeNull();
        report.Ok.ShouldBeTrue();
        (await IntegrityDatabase.Strings(IntegrityDatabase.Superuser,
                "select leaf_version || ':' || count(*) from ledger.merkle_leaves group by leaf_version order by leaf_version"))
            .ShouldBe(["1:21", "2:4"]);

        var key = await host.Key();
        var (_, saved) = await host.Get("/api/ledger/checkpoint");
        using var regulator = host.Client([Roles.Regulator]);
        var withheld = await regulator.GetStringAsync("/api/ledger/export");
        var read = BundleVerifier.Read(new MemoryStream(Encoding.UTF8.GetBytes(withheld)), saved, key);
        read.Verdict.Problem.ShouldBeNull();
        read.Unreadable.Count.ShouldBe(3, "the v1 directive's issue, easing and rescission are withheld whole");
        read.Events.Where(e => e.Withheld).Select(e => e.Type).ShouldBe(["directive-issued.v2", "correction-recorded.v1"]);
        withheld.ShouldNotContain("Second letter");
        withheld.ShouldNotContain("12 June 2026");
        var correction = JsonNode.Parse(read.Events.Single(e => e.Type == "correction-recorded.v1").Data)!;
        correction["value"]!.GetValue<string>().ShouldBe("[withheld]");
        correction["eventId"]!.GetValue<string>().ShouldBe("D-2026-06-12-01");

        var whole = await host.Get("/api/ledger/export");
        var all = BundleVerifier.Read(new MemoryStream(Encoding.UTF8.GetBytes(whole.Body)), saved, key);
        all.Verdict.Problem.ShouldBeNull();
        all.Verdict.Withheld.ShouldBe(0);
        all.Events.Count.ShouldBe(25);

        var folder = Directory.CreateTempSubdirectory("ledger-verify-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "bundle.ndjson"), withheld);
            File.WriteAllText(Path.Combine(folder.FullName, "saved.txt"), saved);
            var output = new StringWriter();
            Commands.Bundle(new FileInfo(Path.Combine(folder.FullName, "bundle.ndjson")), new FileInfo(Path.Combine(folder.FullName, "saved.txt")),
                key.ToString(), output).ShouldBe(Commands.Verified, output.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
