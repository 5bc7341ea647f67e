using Ledger.Api.Security;
using Ledger.Domain.Readers;

namespace Ledger.Security.Tests.Confidentiality;

/// <summary>
/// Product.md 11: a regulator reads a confidential directive's text when its token's <c>org</c> is one of the
/// directive's addressees or its issuing organisation; the <c>isAddressee</c> flag, which operations set, grants
/// nothing; and clearance and confidentiality are judged on what the ledger knows now, at every position.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_clearance_is_judged(SecureLedger ledger)
{
    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    private async Task<string> Organization(string name, bool flaggedAddressee = false)
    {
        var id = $"{name}-{run}";
        (await ledger.Send("POST", "/api/organizations", ledger.Token(Roles.Operations), new JsonObject
        {
            ["organizationId"] = id, ["name"] = id, ["country"] = "US", ["usPersonEntity"] = true, ["sectors"] = new JsonArray(),
            ["isAddressee"] = flaggedAddressee,
        })).Status.ShouldBe(201);
        return id;
    }

    private async Task<long> Issue(string id, bool confidential, string[] addressees, string? issuer = null)
    {
        var body = Samples.Directive(id, confidential, rationale: $"rationale of {id}");
        body["addressees"] = new JsonArray(addressees.Select(a => (JsonNode)a).ToArray());
        body["issuingOrganizationId"] = issuer;
        var reply = await ledger.Send("POST", "/api/directives", ledger.Token(Roles.Compliance), body);
        reply.Status.ShouldBe(201, reply.ToString());
        return reply.Json["position"]!.GetValue<long>();
    }

    private async Task<long> Correct(string id, string field, JsonNode value)
    {
        var reply = await ledger.Send("POST", "/api/corrections", ledger.Token(Roles.Compliance), new JsonObject
        {
            ["correctionId"] = $"C-{field}-{id}", ["eventId"] = id, ["field"] = field, ["value"] = value, ["reason"] = "classified later",
        });
        reply.Status.ShouldBe(201, reply.ToString());
        return reply.Json["position"]!.GetValue<long>();
    }

    private async Task<string> Rationale(string id, string token, long? position = null)
    {
        var reply = await ledger.Send("GET", $"/api/directives/{id}{(position is { } p ? $"?position={p}" : "")}", token);
        reply.Status.ShouldBe(200, reply.ToString());
        return reply.Json["directive"]!["rationale"]!.GetValue<string>();
    }

    [Fact]
    public async Task the_regulators_of_its_addressees_and_of_its_issuer_read_it_and_no_other()
    {
        var (addressee, issuer, flagged, other) =
            (await Organization("addressee"), await Organization("issuer"), await Organization("flagged", flaggedAddressee: true), await Organization("other"));
        var id = $"D-{run}";
        await Issue(id, confidential: true, [addressee], issuer);

        (await Rationale(id, ledger.Token(Roles.Regulator, org: addressee))).ShouldBe($"rationale of {id}");
        (await Rationale(id, ledger.Token(Roles.Regulator, org: issuer))).ShouldBe($"rationale of {id}");
        (await Rationale(id, ledger.Token(Roles.Regulator, org: flagged))).ShouldBe(Withholding.Marker, "the isAddressee flag grants nothing");
        (await Rationale(id, ledger.Token(Roles.Regulator, org: other))).ShouldBe(Withholding.Marker);
        (await Rationale(id, ledger.Token(Roles.Operations, org: addressee))).ShouldBe(Withholding.Marker, "only a regulator reads through its org");
    }

    [Fact]
    public async Task a_directive_classified_later_is_withheld_at_the_positions_before_too()
    {
        var addressee = await Organization("addressee");
        var id = $"D-late-{run}";
        var issued = await Issue(id, confidential: false, []);
        var operations = ledger.Token(Roles.Operations);
        (await Rationale(id, operations)).ShouldBe($"rationale of {id}");
        var subscriber = ledger.Token(Roles.Subscriber);
        (await ledger.Send("GET", $"/api/feed?after={issued - 1}&limit=1", subscriber)).Text.ShouldContain($"rationale of {id}");

        await Correct(id, "addressees", new JsonArray(addressee));
        await Correct(id, "confidential", true);

        (await Rationale(id, operations)).ShouldBe(Withholding.Marker);
        (await Rationale(id, operations, position: issued)).ShouldBe(Withholding.Marker, "judged on what the ledger knows now");
        var history = await ledger.Send("GET", $"/api/models/fable-5/history?position={issued}", operations);
        history.Text.ShouldNotContain($"rationale of {id}");
        (await Rationale(id, ledger.Token(Roles.Regulator, org: addressee), position: issued)).ShouldBe($"rationale of {id}");
        var feed = await ledger.Send("GET", $"/api/feed?after={issued - 1}&limit=1", subscriber);
        feed.Status.ShouldBe(200, feed.ToString());
        feed.Text.ShouldNotContain($"rationale of {id}", customMessage: "a subscriber reading the feed again reads it as the ledger knows it now");
        feed.Json["events"]![0]!["data"]!["rationale"]!.GetValue<string>().ShouldBe(Withholding.Marker);
    }

    [Fact]
    public async Task an_addressee_removed_later_reads_it_at_no_position()
    {
        var (kept, removed) = (await Organization("kept"), await Organization("removed"));
        var id = $"D-removed-{run}";
        var issued = await Issue(id, confidential: true, [kept, removed]);
        (await Rationale(id, ledger.Token(Roles.Regulator, org: removed))).ShouldBe($"rationale of {id}");

        await Correct(id, "addressees", new JsonArray(kept));

        (await Rationale(id, ledger.Token(Roles.Regulator, org: removed), position: issued)).ShouldBe(Withholding.Marker);
        (await Rationale(id, ledger.Token(Roles.Regulator, org: kept), position: issued)).ShouldBe($"rationale of {id}");
    }

    [Fact]
    public async Task a_confidential_directive_without_an_addressee_is_refused_and_writes_nothing()
    {
        var before = await ledger.EventCount();
        var body = Samples.Directive($"D-none-{run}", confidential: true);
        body["addressees"] = new JsonArray();
        (await ledger.Send("POST", "/api/directives", ledger.Token(Roles.Compliance), body))
            .ShouldBeProblem(400, "confidential-without-addressees").Json["field"]!.GetValue<string>().ShouldBe("addressees");

        body["addressees"] = new JsonArray("no-such-organisation");
        (await ledger.Send("POST", "/api/directives", ledger.Token(Roles.Compliance), body))
            .ShouldBeProblem(422, "organization-not-found").Json["field"]!.GetValue<string>().ShouldBe("addressees[0]");
        (await ledger.EventCount()).ShouldBe(before);
    }
}
