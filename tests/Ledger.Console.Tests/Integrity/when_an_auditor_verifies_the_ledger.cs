using Ledger.Api.Security;

namespace Ledger.Console.Tests.Integrity;

[Collection(ConsoleLedgerCollection.Name)]
public sealed class when_an_auditor_verifies_the_ledger(ConsoleLedger ledger)
{
    [Fact]
    public async Task verify_answers_in_words_beside_the_checkpoint_and_key()
    {
        await using var reader = await Reader.SignIn(ledger, "/?view=integrity", [Roles.Auditor], "auditor-ann");
        await Expect(reader.Page.Locator("#checkpoint-note")).ToContainTextAsync("—");
        await Expect(reader.Page.Locator("#tree-size")).ToContainTextAsync("events");
        await Expect(reader.Page.Locator("#verifier-key")).Not.ToBeEmptyAsync();

        await reader.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(reader.Page.Locator("#verification")).ToHaveAttributeAsync("data-ok", "true");
        await Expect(reader.Page.Locator("#verification")).ToContainTextAsync(
            $"Verified: all {ReferenceEvents} events checked");
        await reader.Screenshot("integrity");
    }

    [Fact]
    public async Task a_regulator_is_told_verification_is_for_auditors_not_shown_an_error()
    {
        await using var reader = await Reader.SignIn(ledger, "/?view=integrity");
        await Expect(reader.Page.Locator("#tree-size")).ToContainTextAsync("events");
        await reader.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(reader.Page.Locator("#verification")).ToContainTextAsync("cannot run verification: it is for auditors");
    }

    private static int ReferenceEvents => Ledger.Api.Demo.ReferenceScenario.Requests().Count;
}
