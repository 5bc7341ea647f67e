using System.Text;
using Ledger.Integrity.Bundles;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Tests.Support;

namespace Ledger.Integrity.Tests.Host;

[Collection(HostCollection.Name)]
public sealed class when_the_signing_key_is_rotated
{
    [Fact]
    public async Task the_service_still_starts_and_old_checkpoints_verify_once_their_key_is_listed()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-rotation-");
        try
        {
            NoteVerifierKey oldKey;
            await using (var before = await LedgerHost.Start(keyFile: Path.Combine(folder.FullName, "old.key")))
            {
                await before.Record();
                await before.Get("/api/ledger/checkpoint");
                oldKey = await before.Key();
            }

            await using (var rotated = await LedgerHost.Start(reset: false, keyFile: Path.Combine(folder.FullName, "new.key")))
            {
                var report = await rotated.Verify();
                report.Ok.ShouldBeFalse();
                report.Problem!.ShouldContain("no key the ledger knows signed it");
            }

            await using var listed = await LedgerHost.Start(false, true, Path.Combine(folder.FullName, "new.key"), null, 2, oldKey.ToString());
            (await listed.Verify()).Ok.ShouldBeTrue();
            await listed.AddModels(1);
            var newKey = await listed.Key();
            var (_, checkpoint) = await listed.Get("/api/ledger/checkpoint");
            var (_, bundle) = await listed.Get("/api/ledger/export");
            BundleVerifier.Verify(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), checkpoint, newKey).Problem.ShouldBeNull();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
