using Ledger.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Security.Tests.Tokens;

/// <summary>The <c>token</c> command and the local key: what it mints the service accepts, within its limits.</summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_minting_tokens(SecureLedger ledger)
{
    private (bool Ok, string Output) Run(TokenInput input)
    {
        var output = new StringWriter();
        var command = new TokenCommand { Tokens = ledger.Host.Services.GetRequiredService<LocalTokens>(), Output = output };
        return (command.Execute(input), output.ToString().Trim());
    }

    [Fact]
    public async Task the_command_mints_a_token_the_service_accepts_and_names_its_subject()
    {
        var (ok, token) = Run(new TokenInput { RoleFlag = [Roles.Auditor, Roles.Regulator], SubjectFlag = "carol", MinutesFlag = 5 });
        ok.ShouldBeTrue();
        (await ledger.Send("GET", "/api/ledger-does-not-exist", token)).Status.ShouldBe(404, "a valid token reaches routing");
        (await ledger.Send("GET", "/api/access-matrix", token)).Status.ShouldBe(200);
        var payload = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[1]))!;
        payload["sub"]!.GetValue<string>().ShouldBe("carol");
        (payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>()).ShouldBe(300);
        payload["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe([Roles.Auditor, Roles.Regulator]);
    }

    [Fact]
    public void it_refuses_unknown_roles_none_at_all_and_long_lives()
    {
        Run(new TokenInput { RoleFlag = ["admin"] }).Ok.ShouldBeFalse();
        Run(new TokenInput()).Ok.ShouldBeFalse();
        Run(new TokenInput { RoleFlag = [Roles.Auditor], MinutesFlag = 100_000 }).Ok.ShouldBeFalse();
        Run(new TokenInput { RoleFlag = [Roles.Auditor], MinutesFlag = 0 }).Ok.ShouldBeFalse();
    }

    [Fact]
    public void the_local_key_is_private_to_its_owner_and_stable()
    {
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(ledger.KeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LocalTokens.LoadOrCreate(ledger.KeyFile).KeyId.ShouldBe(ledger.Key.KeyId);
    }

    [Fact]
    public void a_new_key_file_is_made_on_first_use()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-key-{Guid.NewGuid():N}", "nested", "key.pem");
        try
        {
            var key = LocalTokens.LoadOrCreate(path);
            File.ReadAllText(path).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
            key.KeyId.ShouldNotBe(ledger.Key.KeyId);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(path))!, recursive: true);
        }
    }
}
