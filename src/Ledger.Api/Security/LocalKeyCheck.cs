namespace Ledger.Api.Security;

/// <summary>
/// Loads (or makes) the local key when the service starts, so a key that cannot be read or written stops the start
/// with its reason instead of failing every request afterwards.
/// </summary>
internal sealed class LocalKeyCheck(LocalTokens tokens, ILogger<LocalKeyCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!tokens.Available)
            return Task.CompletedTask;
        try
        {
            LocalTokens.LoadOrCreate(tokens.KeyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"the local token key {tokens.KeyFile} cannot be read or created ({e.Message}); set Ledger:Auth:SigningKeyFile to a writable path, or Ledger:Auth:Authority", e);
        }

        logger.LogDebug("Local token key {KeyFile} loaded", tokens.KeyFile);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
