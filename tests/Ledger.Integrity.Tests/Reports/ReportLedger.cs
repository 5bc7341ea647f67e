using System.Diagnostics;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Tests.Support;

namespace Ledger.Integrity.Tests.Reports;

/// <summary>
/// The reference scenario recorded once through the real service, the files a regulator and an auditor take away
/// from it, and the tools they check them with.
/// </summary>
public sealed class ReportLedger : IAsyncLifetime
{
    public const string Mythos = "mythos-5";
    public const string Acme = "acme-analytics";
    public const string WaterCoop = "us-water-coop";
    public const string OnTheTwentySeventh = "2026-06-27T12:00:00Z";

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("ledger-reports-");

    public string KeyFile => Path.Combine(Folder.FullName, "ledger-ed25519.key");

    public IAlbaHost Host { get; private set; } = null!;

    public NoteVerifierKey Key { get; private set; } = null!;

    /// <summary>The last position before the rescission was recorded: the ledger as known on 1 July, when it arrived.</summary>
    public long KnownOnTheFirstOfJuly { get; private set; }

    /// <summary>An auditor's export of the whole log (every line readable).</summary>
    public string Bundle { get; private set; } = "";

    public string MatrixQuery => $"asOf={OnTheTwentySeventh}&position={KnownOnTheFirstOfJuly}&modelId={Mythos}";

    public async Task InitializeAsync()
    {
        Host = await LedgerHost.Start(keyFile: KeyFile);
        await Host.Record();
        Key = await Host.Key();
        var (_, history) = await Host.Get($"/api/models/{Mythos}/history");
        KnownOnTheFirstOfJuly = JsonNode.Parse(history)!["entries"]!.AsArray()
            .Single(e => e!["type"]!.GetValue<string>().StartsWith("directive-rescinded", StringComparison.Ordinal))!["times"]!["position"]!.GetValue<long>() - 1;
        var (status, bundle) = await Host.Get("/api/ledger/export");
        status.ShouldBe(200, bundle);
        Bundle = bundle;
        File.WriteAllText(Path.Combine(Folder.FullName, "ledger.key"), Key + "\n");
    }

    public string Save(string name, string text)
    {
        var path = Path.Combine(Folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public async Task<byte[]> Report(string path, IReadOnlyList<string>? roles = null, string? organization = null)
    {
        using var client = Host.Client(roles, organization);
        using var response = await client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ((int)response.StatusCode).ShouldBe(200, System.Text.Encoding.UTF8.GetString(bytes));
        return bytes;
    }

    /// <summary>Runs a program (poppler's, or the verifier) and returns its exit code and what it printed.</summary>
    public static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000).ShouldBeTrue($"{program} did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Where test artifacts are kept for a person to look at: .local/test-results under the repository.</summary>
    public static string Artifacts(string name)
    {
        var path = Repository.PathOf(".local", "test-results", "reports", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Folder.Delete(recursive: true);
    }
}
