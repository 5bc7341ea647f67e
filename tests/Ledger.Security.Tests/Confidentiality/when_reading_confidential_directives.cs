using Ledger.Api.Security;
using Ledger.Domain.Readers;

namespace Ledger.Security.Tests.Confidentiality;

/// <summary>
/// The reference directive is confidential and addressed to frontier-labs (the provider, registered as addressee).
/// Its reference, rationale, document titles and URIs reach compliance, auditors and a regulator of the addressee;
/// anyone else reading it sees the effects and the document hashes only.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_reading_confidential_directives(SecureLedger ledger)
{
    private const string Reference = "BIS is-informed letter of 2026-06-12";
    private const string Sha = "3f1c9a4e5b7d2a8c0e6f4b1d9a7c5e3f2b8d6a4c1e9f7b5d3a2c8e6f4b1d9a7c";

    public static IEnumerable<object?[]> Readers =>
    [
        [Roles.Compliance, null, true],
        [Roles.Auditor, null, true],
        [Roles.Regulator, SecureLedger.Addressee, true],
        [Roles.Regulator, "us-water-coop", false],
        [Roles.Regulator, "no-such-org", false],
        [Roles.Regulator, null, false],
        [Roles.Operations, null, false],
        [Roles.Operations, SecureLedger.Addressee, false],
    ];

    private async Task<JsonNode> Directive(string role, string? org)
    {
        var reply = await ledger.Send("GET", $"/api/directives/{SecureLedger.Directive}", ledger.Token(role, org: org));
        reply.Status.ShouldBe(200, reply.ToString());
        return reply.Json["directive"]!;
    }

    [Theory, MemberData(nameof(Readers))]
    public async Task the_directive_shows_its_text_only_to_the_cleared(string role, string? org, bool cleared)
    {
        var directive = await Directive(role, org);
        directive["redacted"]!.GetValue<bool>().ShouldBe(!cleared);
        directive["reference"]!.GetValue<string>().ShouldBe(cleared ? Reference : Withholding.Marker);
        var document = directive["documents"]![0]!;
        document["sha256"]!.GetValue<string>().ShouldBe(Sha);
        document["title"]!.GetValue<string>().ShouldBe(cleared ? "Is-informed letter, 12 June 2026" : Withholding.Marker);
        directive["scope"]!["models"]!.AsArray().Count.ShouldBe(2, "the effects are never withheld");
    }

    [Theory, MemberData(nameof(Readers))]
    public async Task the_register_withholds_the_same(string role, string? org, bool cleared)
    {
        var all = (await ledger.Send("GET", "/api/directives", ledger.Token(role, org: org))).Json["directives"]!.AsArray();
        var directive = all.Single(d => d!["directiveId"]!.GetValue<string>() == SecureLedger.Directive)!;
        directive["reference"]!.GetValue<string>().ShouldBe(cleared ? Reference : Withholding.Marker);
    }

    [Theory, MemberData(nameof(Readers))]
    public async Task the_model_history_withholds_the_same(string role, string? org, bool cleared)
    {
        var entries = (await ledger.Send("GET", "/api/models/mythos-5/history", ledger.Token(role, org: org))).Json["entries"]!.AsArray();
        var issued = entries.Single(e => e!["eventId"]!.GetValue<string>() == SecureLedger.Directive)!;
        issued["redacted"]!.GetValue<bool>().ShouldBe(!cleared);
        issued["fact"]!["reference"]!.GetValue<string>().ShouldBe(cleared ? Reference : Withholding.Marker);
        issued["fact"]!["documents"]![0]!["sha256"]!.GetValue<string>().ShouldBe(Sha);
        var easing = entries.Single(e => e!["eventId"]!.GetValue<string>() == SecureLedger.Easing)!;
        easing["fact"]!["documents"]!.AsArray().ShouldAllBe(d => (d!["title"]!.GetValue<string>() == Withholding.Marker) == !cleared);
    }

    [Fact]
    public async Task a_correction_of_confidential_text_is_withheld_too()
    {
        var id = $"D-conf-{Guid.NewGuid():N}"[..20];
        (await ledger.Send("POST", "/api/directives", ledger.Token(Roles.Compliance), Samples.Directive(id, confidential: true, rationale: "secret reasons")))
            .Status.ShouldBe(201);
        (await ledger.Send("POST", "/api/corrections", ledger.Token(Roles.Compliance), new JsonObject
        {
            ["correctionId"] = $"C-{id}", ["eventId"] = id, ["field"] = "rationale", ["value"] = "corrected secret reasons", ["reason"] = "typo",
        })).Status.ShouldBe(201);

        var other = ledger.Token(Roles.Regulator, org: "us-water-coop");
        var entry = (await ledger.Send("GET", "/api/models/fable-5/history", other)).Json["entries"]!.AsArray()
            .Single(e => e!["eventId"]!.GetValue<string>() == id)!;
        entry.ToJsonString().ShouldNotContain("secret");
        entry["fact"]!["rationale"]!.GetValue<string>().ShouldBe(Withholding.Marker);
        entry["corrections"]![0]!["value"]!.GetValue<string>().ShouldBe(Withholding.Marker);
        (await ledger.Send("GET", $"/api/directives/{id}", other)).Text.ShouldNotContain("secret");

        var auditor = (await ledger.Send("GET", $"/api/directives/{id}", ledger.Token(Roles.Auditor))).Json["directive"]!;
        auditor["rationale"]!.GetValue<string>().ShouldBe("corrected secret reasons");
    }

    [Fact]
    public async Task a_directive_that_is_not_confidential_is_shown_whole()
    {
        var id = $"D-open-{Guid.NewGuid():N}"[..20];
        (await ledger.Send("POST", "/api/directives", ledger.Token(Roles.Compliance), Samples.Directive(id, confidential: false, rationale: "public reasons")))
            .Status.ShouldBe(201);
        var directive = (await ledger.Send("GET", $"/api/directives/{id}", ledger.Token(Roles.Operations))).Json["directive"]!;
        directive["redacted"]!.GetValue<bool>().ShouldBeFalse();
        directive["rationale"]!.GetValue<string>().ShouldBe("public reasons");
        directive["documents"]![0]!["uri"]!.GetValue<string>().ShouldStartWith("https://");
    }
}
