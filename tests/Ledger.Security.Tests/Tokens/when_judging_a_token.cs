using Ledger.Api.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Security.Tests.Tokens;

/// <summary>
/// What a signature alone does not settle (issue 14, item 6): a lifetime longer than <c>Ledger:Auth:MaxTokenLifetime</c>
/// (8 hours), a <c>typ</c> other than <c>JWT</c> or <c>at+jwt</c>, a <c>crit</c> header, and a <c>kid</c> that names no
/// trusted key are each a 401, although every token here is signed by the trusted key.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_judging_a_token(SecureLedger ledger)
{
    private string Token(Action<SecurityTokenDescriptor> shape)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "directive-ledger-local",
            Audience = "directive-ledger",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "judged", ["roles"] = new[] { Roles.Auditor } },
            SigningCredentials = new SigningCredentials(ledger.Key, SecurityAlgorithms.EcdsaSha256),
        };
        shape(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private Task<Reply> Read(string token) => ledger.Send("GET", "/api/access-matrix", token);

    [Fact]
    public async Task a_token_valid_for_longer_than_eight_hours_is_refused()
    {
        (await Read(Token(d => d.Expires = d.NotBefore!.Value.AddHours(8).AddMinutes(-1)))).Status.ShouldBe(200);
        (await Read(Token(d => d.Expires = d.NotBefore!.Value.AddHours(9)))).ShouldBeProblem(401, "authentication-required");
        (await Read(Token(d =>
        {
            d.NotBefore = null;
            d.IssuedAt = DateTime.UtcNow.AddHours(-1);
            d.Expires = DateTime.UtcNow.AddHours(8);
        }))).ShouldBeProblem(401, "authentication-required");
    }

    [Fact]
    public async Task only_the_types_of_an_access_token_are_accepted()
    {
        (await Read(Token(d => d.TokenType = "at+jwt"))).Status.ShouldBe(200);
        (await Read(Token(_ => { }))).Status.ShouldBe(200, "JWT, the default");
        (await Read(Token(d => d.TokenType = "secevent+jwt"))).ShouldBeProblem(401, "authentication-required");
        (await Read(Token(d => d.TokenType = "logout+jwt"))).ShouldBeProblem(401, "authentication-required");
    }

    [Fact]
    public async Task a_critical_header_extension_is_refused()
    {
        var token = Token(d => d.AdditionalHeaderClaims = new Dictionary<string, object>
        {
            ["crit"] = new[] { "urn:example:binding" }, ["urn:example:binding"] = "must-be-understood",
        });
        (await Read(token)).ShouldBeProblem(401, "authentication-required");
    }

    [Fact]
    public async Task a_kid_that_names_no_trusted_key_is_refused_although_the_signature_would_verify()
    {
        var renamed = new ECDsaSecurityKey(ledger.Key.ECDsa) { KeyId = "not-a-trusted-key" };
        (await Read(Token(d => d.SigningCredentials = new SigningCredentials(renamed, SecurityAlgorithms.EcdsaSha256))))
            .ShouldBeProblem(401, "authentication-required");
    }
}
