using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The console's files (<c>WebConsole/wwwroot</c>), embedded in the assembly so the service carries them wherever it
/// is deployed and serves them without the network. Read once; each has a strong ETag, so a browser revalidates
/// cheaply and never runs a stale script after an upgrade.
/// </summary>
internal sealed class ConsoleAssets
{
    private const string Prefix = "Ledger.Api.WebConsole.wwwroot.";

    public sealed record Asset(string Name, byte[] Content, string ContentType, EntityTagHeaderValue ETag);

    private readonly FrozenDictionary<string, Asset> assets;

    public ConsoleAssets()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var types = new FileExtensionContentTypeProvider();
        assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var file = name[Prefix.Length..];
                var content = buffer.ToArray();
                var type = types.TryGetContentType(file, out var known) ? known : "application/octet-stream";
                if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal))
                    type += "; charset=utf-8";
                return new Asset(file, content, type, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\""));
            })
            .ToFrozenDictionary(asset => asset.Name, StringComparer.Ordinal);
    }

    public Asset? Find(string name) => assets.GetValueOrDefault(name);
}
