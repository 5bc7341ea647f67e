using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Security;

/// <summary>
/// Loads (or makes) the local key when the service starts, so a key that cannot be read or written stops the start
/// with its reason instead of failing every request afterwards. In Production it also stops the start when the local
/// key would be trusted on an address other than loopback: anyone who can read the key file mints any role, so the
/// key is for one host, unless <see cref="AuthSettings.AllowLocalKey"/> says the deployment keeps the port private.
/// The addresses are judged once the server has bound them (<see cref="StartedAsync"/>), as the server reports them.
/// </summary>
internal sealed class LocalKeyCheck(
    LocalTokens tokens, IOptions<AuthSettings> settings, IHostEnvironment environment, IServer server, ILogger<LocalKeyCheck> logger)
    : IHostedLifecycleService
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

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!tokens.Available || !environment.IsProduction() || settings.Value.AllowLocalKey)
            return Task.CompletedTask;
        var exposed = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
            throw new InvalidOperationException(
                $"in Production the local signing key is trusted only when the service listens on loopback, and it listens on {string.Join(", ", exposed)}: " +
                "set Ledger:Auth:Authority (or JwksUrl) to your identity provider, listen on 127.0.0.1 only, " +
                "or set Ledger:Auth:AllowLocalKey=true if the port is reachable from this host alone (a container published on 127.0.0.1)");
        return Task.CompletedTask;
    }

    /// <summary>An address as the server reports it (<c>http://127.0.0.1:5080</c>, <c>http://[::]:8080</c>, <c>http://localhost:5000</c>).</summary>
    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            return false;
        return uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
