using System.Security.Cryptography;
using System.Text;

namespace Ledger.Api.Subscriptions.Delivering;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}"&gt;</c>,
/// keyed with the bytes of a <c>whsec_</c> secret. Written from the specification, so the tests can check it with an
/// independent implementation, as a receiver would.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A secret is <c>whsec_</c> and the base64 of 24 to 64 random bytes.</summary>
    public static bool TryKey(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
            return false;
        try
        {
            key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length is >= 24 and <= 64;
    }

    public static string Sign(string secret, string messageId, DateTimeOffset timestamp, string body)
    {
        if (!TryKey(secret, out var key))
            throw new ArgumentException("not a whsec_ secret", nameof(secret));
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp.ToUnixTimeSeconds()}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
