using StandardWebhooks;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// Standard Webhooks signing, by the <c>StandardWebhooks</c> package that receivers use to verify (the tests among
/// them): <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}"&gt;</c>, keyed
/// with the bytes of a <c>whsec_</c> secret.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>
    /// A secret is <c>whsec_</c> and the base64 of 24 to 64 random bytes: checked when a subscription is registered,
    /// because the package accepts any base64 key, however short.
    /// </summary>
    public static bool IsSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
            return false;
        try
        {
            return Convert.FromBase64String(secret[SecretPrefix.Length..]).Length is >= 24 and <= 64;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Sign(string secret, string messageId, DateTimeOffset timestamp, string body) =>
        new StandardWebhook(secret).Sign(messageId, timestamp, body);
}
