using System.Security.Cryptography;
using System.Text;
using Ledger.Api.Security;

namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// Webhook secrets at rest: AES-256-GCM under a key kept in a file outside the database
/// (<see cref="Delivering.Webhooks.WebhookOptions.SecretKeyFile"/>, made on first use, mode 0600, like the signing
/// keys), so a dump or a read-only breach of the database gives no one the means to forge deliveries. The
/// subscription's id is authenticated with the ciphertext, so a row's secret cannot be moved onto another row.
/// Stored as <c>v1.</c> and the base64 of nonce, ciphertext and tag. A secret stored before encryption (it starts
/// with <c>whsec_</c>) is still read as it is, until the dispatcher seals it (<see cref="SubscriptionStore.ProtectPlaintextSecrets"/>).
/// </summary>
public sealed class WebhookSecrets
{
    private const string Version = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    internal WebhookSecrets(byte[] key) =>
        _key = key.Length == 32 ? key : throw new ArgumentException("a webhook secret key is 256 bits", nameof(key));

    /// <summary>The key in <paramref name="path"/>, made there (32 random bytes, base64) if there is none.</summary>
    internal static WebhookSecrets FromKeyFile(string path) =>
        new(Convert.FromBase64String(PrivateKeyFile.ReadOrCreate(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Trim()));

    public static bool IsProtected(string stored) => stored.StartsWith(Version, StringComparison.Ordinal);

    public string Protect(string subscriptionId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(subscriptionId));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret of a stored value; throws <see cref="CryptographicException"/> when it was sealed under another key or for another subscription.</summary>
    public string Reveal(string subscriptionId, string stored)
    {
        if (!IsProtected(stored))
            return stored;
        var sealedBytes = Convert.FromBase64String(stored[Version.Length..]);
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(subscriptionId));
        return Encoding.UTF8.GetString(plain);
    }
}
