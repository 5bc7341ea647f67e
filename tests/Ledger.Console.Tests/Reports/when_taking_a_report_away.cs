using Ledger.Api.Security;

namespace Ledger.Console.Tests.Reports;

/// <summary>
/// "Download report" fetches the evidence report of issue 15 with the reader's token and saves it. This needs
/// <c>GET /api/reports/access-matrix</c>; on a build without it the console says the report is not offered and this fails.
/// </summary>
[Collection(ConsoleLedgerCollection.Name)]
public sealed class when_taking_a_report_away(ConsoleLedger ledger)
{
    [Fact]
    public async Task the_matrix_downloads_as_a_pdf()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z&model=mythos-5", [Roles.Regulator], "regulator-jane", SecureAddressee);
        await Expect(reader.Page.Locator("td[data-model]").First).ToBeVisibleAsync();
        await reader.Page.GetByLabel("Format").SelectOptionAsync("pdf");
        var download = await reader.Page.RunAndWaitForDownloadAsync(
            () => reader.Page.GetByRole(AriaRole.Button, new() { Name = "Download report" }).ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".pdf");
        var saved = Path.Combine(ConsoleLedger.Artifacts, "access-matrix-2026-06-27.pdf");
        await download.SaveAsAsync(saved);
        (await File.ReadAllBytesAsync(saved))[..5].ShouldBe("%PDF-"u8.ToArray());
    }

    [Fact]
    public async Task the_link_to_the_view_carries_its_state_and_no_token()
    {
        await using var reader = await Reader.SignIn(ledger, "/?asOf=2026-06-27T12:00:00Z&model=mythos-5");
        var link = await reader.Page.GetByLabel("Link to this view").InputValueAsync();
        link.ShouldEndWith("/?asOf=2026-06-27T12:00:00Z&model=mythos-5");
        link.ShouldNotContain("token");
    }

    private const string SecureAddressee = "frontier-labs";
}
