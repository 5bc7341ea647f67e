namespace Ledger.Security.Tests.Matrix;

/// <summary>The public OpenAPI document tells clients what the role matrix enforces.</summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_reading_the_openapi_document(SecureLedger ledger)
{
    [Fact]
    public async Task it_declares_the_bearer_scheme_and_the_roles_and_denials_of_each_operation()
    {
        var document = (await ledger.Send("GET", "/openapi/v1.json", null)).Json;
        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");

        var post = document["paths"]!["/api/directives"]!["post"]!;
        post["security"]![0]!["Bearer"].ShouldNotBeNull();
        post["description"]!.GetValue<string>().ShouldContain("Roles: compliance.");
        foreach (var status in new[] { "401", "403", "429" })
            post["responses"]![status].ShouldNotBeNull(status);

        document["paths"]!["/api/directives/{directiveId}"]!["get"]!["description"]!.GetValue<string>().ShouldContain("Confidential text is withheld");
    }
}
