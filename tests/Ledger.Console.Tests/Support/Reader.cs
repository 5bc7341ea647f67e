using System.Text.Json;
using Ledger.Api.Security;

namespace Ledger.Console.Tests.Support;

/// <summary>
/// One person at the console: a fresh browser context (its own sessionStorage) at a laptop's 1366x768, signed in
/// with a token of the given roles through the address (<c>/#token=</c>), as <c>ops/run</c>'s link does.
/// </summary>
public sealed class Reader(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public static async Task<Reader> SignIn(ConsoleLedger ledger, string path, string[]? roles = null, string subject = "regulator-jane", string? org = null)
    {
        var context = await ledger.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            AcceptDownloads = true,
            BaseURL = ledger.BaseAddress.ToString(),
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync($"{path}#token={ledger.Token(roles ?? [Roles.Regulator], subject, org)}");
        return new Reader(context, page);
    }

    /// <summary>The cell of the matrix for a model, organisation and person class.</summary>
    public ILocator Cell(string model, string org, string personClass) =>
        Page.Locator($"td[data-model='{model}'][data-org='{org}'][data-class='{personClass}']");

    /// <summary>The page as a PNG under .local/test-results/console, for a person to look at.</summary>
    public async Task<string> Screenshot(string name)
    {
        var path = Path.Combine(ConsoleLedger.Artifacts, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    /// <summary>
    /// axe-core run inside the page (npm <c>axe-core</c>, installed by ops/test next to this project): the
    /// violations of impact serious or critical, each as "rule: targets".
    /// </summary>
    public async Task<IReadOnlyList<string>> SeriousAccessibilityViolations()
    {
        var axe = Repository.PathOf("tests", "Ledger.Console.Tests", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe))
            throw new FileNotFoundException("axe-core is missing: ops/test installs it (npm install in tests/Ledger.Console.Tests)", axe);
        // Evaluated rather than added as a script tag: the console's Content-Security-Policy refuses inline scripts, rightly.
        await Page.EvaluateAsync($"() => {{ {await File.ReadAllTextAsync(axe)}\n}}");
        var result = await Page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))");
        var all = result.EnumerateArray().Select(v => (Id: v.GetProperty("id").GetString()!, Impact: v.GetProperty("impact").GetString(),
            Targets: string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))).ToList();
        await File.AppendAllLinesAsync(Path.Combine(ConsoleLedger.Artifacts, "axe.txt"),
            [$"{Page.Url.Split('#')[0]}: {(all.Count == 0 ? "no violations" : string.Join("; ", all.Select(v => $"{v.Impact} {v.Id} ({v.Targets})")))}"]);
        return all.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Targets}").ToList();
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
