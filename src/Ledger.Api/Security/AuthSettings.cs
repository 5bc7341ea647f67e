namespace Ledger.Api.Security;

/// <summary>
/// <c>Ledger:Auth</c>: where bearer tokens come from. With <see cref="Authority"/> the keys and issuer come from
/// the identity provider's OIDC discovery document; with <see cref="JwksUrl"/> the keys come from that JWKS and
/// the issuer from <see cref="Issuer"/>; with neither, tokens are verified with the local key in
/// <see cref="SigningKeyFile"/> (created on first use; the <c>token</c> command mints with it) and with any public
/// keys in <see cref="TrustedKeyFiles"/>.
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Ledger:Auth";

    public string? Authority { get; set; }

    public string? JwksUrl { get; set; }

    /// <summary>Off only for an identity provider on loopback in development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string Issuer { get; set; } = "directive-ledger-local";

    public string Audience { get; set; } = "directive-ledger";

    /// <summary>PEM private key (ECDSA P-256) of the local issuer, relative to the content root. Never committed: <c>.local/</c> is git-ignored.</summary>
    public string SigningKeyFile { get; set; } = ".local/keys/ledger-signing-key.pem";

    /// <summary>PEM public keys also accepted, e.g. the previous key during a rotation, or a provider's static keys.</summary>
    public List<string> TrustedKeyFiles { get; set; } = [];

    public string SubjectClaim { get; set; } = "sub";

    public string RoleClaim { get; set; } = "roles";

    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// The longest lifetime (<c>exp</c> minus <c>nbf</c>, or <c>iat</c>) of a token the service accepts and the
    /// <c>token</c> command mints: a stolen token is worth at most this long, whatever its issuer was told.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// In Production the local key is refused at start when the service listens on any address but loopback, since
    /// anyone who reads the key file can mint any role; this says the deployment knows (e.g. a container whose port is
    /// published on the host's loopback only).
    /// </summary>
    public bool AllowLocalKey { get; set; }

    public bool UsesLocalKey => string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(JwksUrl);
}
