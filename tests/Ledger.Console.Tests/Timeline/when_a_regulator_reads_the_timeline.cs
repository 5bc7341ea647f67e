using Ledger.Api.Security;

namespace Ledger.Console.Tests.Timeline;

[Collection(ConsoleLedgerCollection.Name)]
public sealed class when_a_regulator_reads_the_timeline(ConsoleLedger ledger)
{
    [Fact]
    public async Task the_directive_shows_its_three_clocks_and_the_new_york_time_it_was_received()
    {
        await using var reader = await Reader.SignIn(ledger, "/?view=timeline&model=mythos-5&org=us-water-coop", [Roles.Auditor], "auditor-ann");
        var directive = reader.Page.Locator("li[data-event='D-2026-06-12-01']");
        await Expect(directive).ToContainTextAsync("Directive issued");
        await Expect(directive.Locator(".received")).ToContainTextAsync("2026-06-12 21:21 UTC");
        await Expect(directive.Locator(".received")).ToContainTextAsync("2026-06-12 17:21 America/New_York");
        await Expect(directive).ToContainTextAsync("Effective");
        await Expect(directive).ToContainTextAsync("Recorded by");
        await Expect(directive).ToContainTextAsync("sha256 ");
        // The organisation adds its vetting; the model brings suspensions, the easing, restorations and the rescission.
        foreach (var type in new[] { "organization-vetted", "access-suspended", "easing-granted", "access-restored", "directive-rescinded" })
            (await reader.Page.Locator($"li[data-type='{type}']").CountAsync()).ShouldBeGreaterThan(0, type);
        (await reader.Page.Locator(".axis-line .dot").CountAsync()).ShouldBe(await reader.Page.Locator("ol.timeline > li[data-effective]").CountAsync());
        await reader.Screenshot("timeline");
    }

    [Fact]
    public async Task confidential_text_reads_as_withheld_for_a_regulator_who_is_not_an_addressee()
    {
        await using var reader = await Reader.SignIn(ledger, "/?view=timeline&model=mythos-5&kind=directive-issued");
        var directive = reader.Page.Locator("li[data-event='D-2026-06-12-01']");
        await Expect(directive.Locator(".withheld").First).ToBeVisibleAsync();
        await Expect(directive).ToContainTextAsync("confidential text withheld");
        await Expect(directive).Not.ToContainTextAsync("BIS is-informed letter");
        await Expect(reader.Page.Locator(".problem")).ToHaveCountAsync(0);
        await reader.Screenshot("timeline-withheld");
    }
}
