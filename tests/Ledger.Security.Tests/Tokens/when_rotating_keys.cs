using Alba;
using Ledger.Api.Security;

namespace Ledger.Security.Tests.Tokens;

/// <summary>
/// Rotation of the local key as the README tells it: a new signing key, the old key's public half kept in
/// <c>Ledger:Auth:TrustedKeyFiles</c> until the tokens it signed have expired, then removed.
/// </summary>
public sealed class when_rotating_keys : IAsyncLifetime
{
    private readonly string schema = $"sec_{Guid.NewGuid():N}"[..16];
    private readonly string folder = Directory.CreateTempSubdirectory("ledger-rot-").FullName;
    private IAlbaHost host = null!;

    private string NewKey => Path.Combine(folder, "new.pem");
    private string OldKey => Path.Combine(folder, "old.pem");
    private string OldPublic => Path.Combine(folder, "old.pub.pem");
    private string Unrelated => Path.Combine(folder, "unrelated.pem");

    public async Task InitializeAsync()
    {
        File.WriteAllText(OldPublic, LocalTokens.PublicPem(LocalTokens.LoadOrCreate(OldKey)));
        host = await SecureLedger.Boot(schema, NewKey, new Dictionary<string, string?> { ["Ledger:Auth:TrustedKeyFiles:0"] = OldPublic });
    }

    private async Task<HttpStatusCode> Read(string keyFile)
    {
        var token = LocalTokens.Mint(LocalTokens.LoadOrCreate(keyFile), "directive-ledger-local", "directive-ledger", "rotator", [Roles.Auditor],
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/access-matrix");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return (await host.Server.CreateClient().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task tokens_of_the_new_key_and_of_the_trusted_old_key_are_accepted_and_no_others()
    {
        (await Read(NewKey)).ShouldBe(HttpStatusCode.OK);
        (await Read(OldKey)).ShouldBe(HttpStatusCode.OK);
        (await Read(Unrelated)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await SecureLedger.Drop(schema);
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>A local key that cannot be made stops the start with its reason, instead of failing every request.</summary>
public sealed class when_the_local_key_cannot_be_made
{
    [Fact]
    public async Task the_service_does_not_start()
    {
        var schema = $"sec_{Guid.NewGuid():N}"[..16];
        var blocker = Path.GetTempFileName();
        try
        {
            var failure = await Should.ThrowAsync<Exception>(() => SecureLedger.Boot(schema, Path.Combine(blocker, "key.pem"), new Dictionary<string, string?>()));
            failure.ToString().ShouldContain("cannot be read or created");
        }
        finally
        {
            File.Delete(blocker);
            await SecureLedger.Drop(schema);
        }
    }
}
