using System.Security.Cryptography;
using Ledger.Api.Security;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Security.Tests.Support;

/// <summary>
/// Who calls: nobody, each role with a valid token, and every way a token can be wrong. The valid tokens are minted
/// with the same local key the host trusts, the way the <c>token</c> command mints them.
/// </summary>
public sealed record Caller(string Name, string? Role, Func<SecureLedger, string?> Token)
{
    public bool Authenticated => Role is not null;

    public override string ToString() => Name;

    public static readonly Caller Nobody = new("no token", null, _ => null);

    public static Caller WithRole(string role) => new(role, role, ledger => ledger.Token(role));

    public static readonly Caller NoRole = new("valid token, no role", "", ledger => ledger.Token([]));

    public static readonly IReadOnlyList<Caller> Forged =
    [
        new("expired", null, l => l.Mint(now: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1))),
        new("not yet valid", null, l => l.Mint(now: DateTimeOffset.UtcNow.AddHours(1))),
        new("wrong audience", null, l => l.Mint(audience: "another-service")),
        new("wrong issuer", null, l => l.Mint(issuer: "https://evil.example")),
        new("forged signature", null, l => l.Mint(key: new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = l.Key.KeyId })),
        new("tampered claims", null, l => Tamper(l.Token(Roles.Subscriber))),
        new("alg none", null, l => Unsigned(l)),
        new("hs256 with the public key", null, l => Symmetric(l)),
        new("no subject", null, l => l.Mint(subject: "")),
        new("garbage", null, _ => "not.a.jwt"),
    ];

    public static IReadOnlyList<Caller> All { get; } =
        [Nobody, NoRole, .. Roles.All.Select(WithRole), .. Forged];

    /// <summary>The payload swapped for one granting every role, the signature kept.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["roles"] = new JsonArray([.. Roles.All.Select(r => JsonValue.Create(r))]);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static string Unsigned(SecureLedger l)
    {
        var payload = l.Token(Roles.All.ToArray()).Split('.')[1];
        return $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{payload}.";
    }

    /// <summary>The classic algorithm confusion: HMAC keyed with the verifier's public key.</summary>
    private static string Symmetric(SecureLedger l)
    {
        var secret = Encoding.UTF8.GetBytes(LocalTokens.PublicPem(l.Key));
        var header = Base64UrlEncoder.Encode($"{{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"{l.Key.KeyId}\"}}");
        var payload = l.Token(Roles.All.ToArray()).Split('.')[1];
        var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }
}
