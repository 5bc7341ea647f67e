using Ledger.Api.Security;

namespace Ledger.Security.Tests.Matrix;

/// <summary>Each write endpoint, called by the role the matrix names with a lawful body, records: 201 and the receipt.</summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_a_permitted_role_writes(SecureLedger ledger)
{
    private async Task<JsonNode> Recorded(string route, string path, JsonNode body)
    {
        var role = RoleMatrix.Find("POST", route)!.Roles.Single();
        var before = await ledger.EventCount();
        var reply = await ledger.Send("POST", path, ledger.Token(role), body);
        reply.Status.ShouldBe(201, $"{role} POST {path}: {reply}");
        var receipt = reply.Json;
        receipt["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        receipt["position"]!.GetValue<long>().ShouldBeGreaterThan(0);
        receipt["streamVersion"]!.GetValue<long>().ShouldBeGreaterThan(0);
        (await ledger.EventCount()).ShouldBe(before + 1);
        return receipt;
    }

    [Fact]
    public async Task every_write_endpoint_records_for_its_role()
    {
        foreach (var route in new[] { "/api/models", "/api/organizations", "/api/access/suspensions", "/api/access/restorations", "/api/corrections" })
            await Recorded(route, route, Samples.Body("POST", route)!);

        var directive = $"D-w-{Guid.NewGuid():N}"[..20];
        await Recorded("/api/directives", "/api/directives", Samples.Directive(directive, confidential: false));
        foreach (var act in new[] { "amendments", "easings", "rescissions" })
        {
            var route = $"/api/directives/{{directiveId}}/{act}";
            await Recorded(route, $"/api/directives/{directive}/{act}", Samples.Body("POST", route)!);
        }

        var vetting = Samples.Body("POST", "/api/organizations/{organizationId}/vettings")!;
        vetting["outcome"] = "approved";
        await Recorded("/api/organizations/{organizationId}/vettings", "/api/organizations/acme-analytics/vettings", vetting);
        await Recorded("/api/organizations/{organizationId}/vettings/{vettingId}/revocations",
            $"/api/organizations/acme-analytics/vettings/{vetting["vettingId"]}/revocations",
            new JsonObject { ["effectiveAt"] = "2026-06-28T00:00:00Z", ["reason"] = "sample" });
    }

    [Fact]
    public async Task an_annex_records_one_vetting_per_entry_for_its_role()
    {
        const string route = "/api/easings/{easingId}/annex";
        var role = RoleMatrix.Find("POST", route)!.Roles.Single();
        var annex = Samples.Body("POST", route)!;
        var before = await ledger.EventCount();

        var reply = await ledger.Send("POST", Samples.Path(route), ledger.Token(role), annex);

        reply.Status.ShouldBe(201, $"{role} POST {route}: {reply}");
        reply.Json["vettings"]![0]!["id"]!.GetValue<string>().ShouldBe(annex["vettings"]![0]!["vettingId"]!.GetValue<string>());
        (await ledger.EventCount()).ShouldBe(before + 1);
    }
}
