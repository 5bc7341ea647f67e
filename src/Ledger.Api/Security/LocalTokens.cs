using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Api.Security;

/// <summary>
/// The local issuer: an ECDSA P-256 key in a PEM file (created on first use, readable by its owner only), the
/// public half of which the service trusts when no identity provider is configured. It mints the short-lived
/// tokens of the <c>token</c> command, the demo loader and the tests. It is a development and single-host
/// convenience: production points <c>Ledger:Auth:Authority</c> at a real identity provider.
/// </summary>
public sealed class LocalTokens
{
    private readonly AuthSettings settings;
    private readonly TimeProvider clock;

    public LocalTokens(IOptions<AuthSettings> options, IHostEnvironment environment, TimeProvider clock)
    {
        settings = options.Value;
        this.clock = clock;
        KeyFile = Path.GetFullPath(settings.SigningKeyFile, environment.ContentRootPath);
    }

    public string KeyFile { get; }

    public bool Available => settings.UsesLocalKey;

    public string Mint(string subject, IEnumerable<string> roles, TimeSpan lifetime, string? organization = null)
    {
        if (!Available)
            throw new InvalidOperationException("tokens come from the identity provider at Ledger:Auth:Authority or Ledger:Auth:JwksUrl, not from the local key");
        if (lifetime <= TimeSpan.Zero || lifetime > settings.MaxTokenLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"a local token lives between 1 second and {settings.MaxTokenLifetime.TotalMinutes} minutes");
        return Mint(LoadOrCreate(KeyFile), settings.Issuer, settings.Audience, subject, roles, clock.GetUtcNow(), lifetime, organization);
    }

    /// <summary>A token as an identity provider would issue it: <c>sub</c>, <c>roles</c> (an array), optional <c>org</c>, <c>jti</c>, and its lifetime.</summary>
    public static string Mint(
        SecurityKey key, string issuer, string audience, string subject, IEnumerable<string> roles, DateTimeOffset now, TimeSpan lifetime,
        string? organization = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["roles"] = roles.Distinct().ToArray(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (organization is not null)
            claims[Principals.OrganizationClaim] = organization;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>The key in <paramref name="path"/>, or a new P-256 key written there (mode 0600) when there is none.</summary>
    public static ECDsaSecurityKey LoadOrCreate(string path)
    {
        var pem = PrivateKeyFile.ReadOrCreate(path, () =>
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return created.ExportPkcs8PrivateKeyPem();
        });
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return WithKeyId(new ECDsaSecurityKey(ecdsa));
    }

    /// <summary>A public key from a PEM file (SubjectPublicKeyInfo, EC or RSA), for <see cref="AuthSettings.TrustedKeyFiles"/>.</summary>
    public static SecurityKey LoadPublic(string path)
    {
        var pem = File.ReadAllText(path);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return WithKeyId(new ECDsaSecurityKey(ecdsa));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return WithKeyId(new RsaSecurityKey(rsa));
    }

    /// <summary>The PEM of a key's public half, to hand to another verifier or keep as a trusted key after rotation.</summary>
    public static string PublicPem(ECDsaSecurityKey key) => key.ECDsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>The key id is the RFC 7638 thumbprint, so a verifier holding several keys picks the right one.</summary>
    private static T WithKeyId<T>(T key) where T : AsymmetricSecurityKey
    {
        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(key).ComputeJwkThumbprint());
        return key;
    }
}
