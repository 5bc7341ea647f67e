using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JasperFx.CommandLine;
using Ledger.Api.Access.GettingMatrix;
using Ledger.Api.Access.Intervals;
using Ledger.Api.Security;
using Ledger.Domain.Json;
using Ledger.Integrity.Leaves;
using System.Text.Json;

namespace Ledger.Api.Integrity.Replaying;

public class ReplayInput : NetCoreInput
{
    [Description("Replay up to this ledger position (default: the end)")]
    public long? PositionFlag { get; set; }

    [Description("Replay only what was recorded at or before this RFC 3339 instant")]
    public string? KnownAtFlag { get; set; }

    [Description("Read the matrix at this effective RFC 3339 instant (default: now)")]
    public string? AsOfFlag { get; set; }

    [Description("Base address of the running service to compare with, e.g. http://127.0.0.1:5080 (default: the service's read path in this process)")]
    public string? LiveFlag { get; set; }

    [Description("Bearer token for --live (default: an auditor token minted with the local signing key, where the service uses one)")]
    public string? TokenFlag { get; set; }
}

[Description("Rebuild the read models from the event log into the ledger_replay schema and compare them with the live ones", Name = "ledger-replay")]
public class ReplayCommand : JasperFxAsyncCommand<ReplayInput>
{
    public override async Task<bool> Execute(ReplayInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        DateTimeOffset? knownAt = null;
        if (input.KnownAtFlag is { } text)
        {
            if (!Rfc3339InstantConverter.TryParse(text, out var parsed))
                return Refuse($"--known-at '{text}' is not an RFC 3339 instant with an offset");
            knownAt = parsed;
        }

        var asOf = clock.GetUtcNow();
        if (input.AsOfFlag is { } asOfText && !Rfc3339InstantConverter.TryParse(asOfText, out asOf))
            return Refuse($"--as-of '{asOfText}' is not an RFC 3339 instant with an offset");

        using var http = input.LiveFlag is { } live ? new HttpClient { BaseAddress = new Uri(live) } : null;
        if (http is not null && (input.TokenFlag ?? LocalAuditorToken(services)) is { } token)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var intervals = services.GetRequiredService<AccessIntervalQuery>();
        var result = await services.GetRequiredService<LedgerReplay>().Run(
            new ReplayCut(input.PositionFlag, knownAt, asOf),
            http is null ? (position, at, ct) => InProcess(intervals, position, at, ct) : (position, at, ct) => OverHttp(http, position, at, ct),
            CancellationToken.None);

        Console.WriteLine($"Replayed {result.Facts} facts up to position {result.Position} into schema {result.ScratchSchema}: " +
                          $"{result.IntervalRows} access_intervals rows compared with the live table as of that position; " +
                          $"{result.Cells} access_matrix cells at {asOf:O} compared with {(http is null ? "the live interval read model" : input.LiveFlag)}.");
        foreach (var difference in result.IntervalDifferences)
            Console.WriteLine($"DIFFERENT interval row, {difference}");
        foreach (var difference in result.Differences)
            Console.WriteLine($"DIFFERENT cell {difference.Cell}\n  rebuilt: {difference.Rebuilt?.ToJsonString() ?? "(missing)"}\n  live:    {difference.Live?.ToJsonString() ?? "(missing)"}");
        Console.WriteLine(result.Equal
            ? "OK: the rebuild equals the live read models"
            : $"FAILED: {result.IntervalDifferences.Count} interval rows and {result.Differences.Count} matrix cells differ");
        return result.Equal;
    }

    /// <summary>The matrix as the service answers a read by position: from its live interval table.</summary>
    public static async Task<JsonNode> InProcess(AccessIntervalQuery intervals, long position, DateTimeOffset asOf, CancellationToken ct)
    {
        var cells = await intervals.Matrix(asOf, position, null, null, ct);
        return JsonSerializer.SerializeToNode(new AccessMatrixView(asOf, null, position, cells), LedgerJson.Options)!;
    }

    public static async Task<JsonNode> OverHttp(HttpClient http, long position, DateTimeOffset asOf, CancellationToken ct) =>
        (await http.GetFromJsonAsync<JsonNode>($"/api/access-matrix?position={position}&asOf={LeafRecord.FormatTime(asOf)}", ct))!;

    private static string? LocalAuditorToken(IServiceProvider services) =>
        services.GetService<LocalTokens>() is { Available: true } tokens ? tokens.Mint("ledger-replay", [Roles.Auditor], TimeSpan.FromMinutes(10)) : null;

    private static bool Refuse(string problem)
    {
        Console.Error.WriteLine(problem);
        return false;
    }
}
