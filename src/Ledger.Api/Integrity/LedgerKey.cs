using Ledger.Api.Security;
using Ledger.Integrity.Checkpoints;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Integrity;

/// <summary>
/// The checkpoint signing key, read from <see cref="IntegrityOptions.KeyFile"/> or, on first run, generated there
/// with mode 0600. The file never leaves the machine (<c>.local/</c> is git-ignored); the public half is served
/// and exported. A production deployment mounts the file from its secret store.
/// </summary>
public sealed class LedgerKey : IDisposable
{
    public LedgerKey(IOptions<IntegrityOptions> options, IHostEnvironment environment, ILogger<LedgerKey> logger)
    {
        var settings = options.Value;
        var path = Path.GetFullPath(settings.KeyFile, environment.ContentRootPath);
        var created = false;
        Signer = NoteSigner.Parse(PrivateKeyFile.ReadOrCreate(path, () =>
        {
            created = true;
            using var generated = NoteSigner.Generate(settings.Origin);
            return generated.ToString() + Environment.NewLine;
        }).Trim());
        if (Signer.Verifier.Name != settings.Origin)
            throw new InvalidOperationException(
                $"the key in {path} is for log '{Signer.Verifier.Name}', but Ledger:Integrity:Origin is '{settings.Origin}'");
        if (created)
            logger.LogWarning("Created a new checkpoint signing key in {Path}; its verifier key is {Key}", path, Signer.Verifier);
    }

    public NoteSigner Signer { get; }

    public NoteVerifierKey Verifier => Signer.Verifier;

    public void Dispose() => Signer.Dispose();
}
