using JasperFx.CommandLine;

namespace Ledger.Api.Integrity;

public class SealInput : NetCoreInput
{
    [Description("Seal them: without this flag the command only says what it would seal")]
    public bool ConfirmFlag { get; set; }
}

/// <summary>
/// The way back when writes are refused because facts sit after the Merkle log's end (written with sealing off,
/// or by an older version of the service): after an operator has looked at them (<c>ledger-verify</c> names the
/// first), this seals them in position order, so the next checkpoint vouches for them.
/// </summary>
[Description("Seal the facts recorded after the Merkle log's last leaf (an operator's decision: it vouches for them)", Name = "ledger-seal")]
public class SealCommand : JasperFxAsyncCommand<SealInput>
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    public override async Task<bool> Execute(SealInput input)
    {
        using var host = input.BuildHost();
        var startup = host.Services.GetRequiredService<IntegrityStartup>();
        await startup.Prepare(adopt: false, CancellationToken.None);
        var before = await host.Services.GetRequiredService<LedgerVerification>().Run(CancellationToken.None);
        Console.WriteLine($"Before: {System.Text.Json.JsonSerializer.Serialize(before, Web)}");
        if (!input.ConfirmFlag)
        {
            Console.WriteLine("Nothing sealed: run again with --confirm once you have looked at the first position named above.");
            return true;
        }

        Console.WriteLine($"Sealed {await startup.SealUnsealed(onlyAnEmptyTree: false, CancellationToken.None)} facts.");
        var after = await host.Services.GetRequiredService<LedgerVerification>().Run(CancellationToken.None);
        Console.WriteLine($"After: {System.Text.Json.JsonSerializer.Serialize(after, Web)}");
        return after.Ok;
    }
}
