using System.Text.Json;
using JasperFx.CommandLine;

namespace Ledger.Api.Integrity;

[Description("Recompute every Merkle leaf from the stored events and check the tree and the signed checkpoints", Name = "ledger-verify")]
public class VerifyCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        await host.Services.GetRequiredService<IntegrityStartup>().Prepare(adopt: false, CancellationToken.None);
        var report = await host.Services.GetRequiredService<LedgerVerification>().Run(CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return report.Ok;
    }
}
