using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Register;
using Ledger.Domain.Vocabulary;

namespace Ledger.Security.Tests.Confidentiality;

/// <summary>The withholding rule as a pure function over the domain's view, without a host.</summary>
public sealed class WithholdingTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 12, 21, 21, 0, TimeSpan.Zero);

    private static DirectiveIssued Issued(bool confidential) => new(
        "D-1", "Ref 1", "Issuer", ["15 CFR 744.22"], DirectiveKind.Letter, "email", "why", confidential,
        new DirectiveScope(["m-1"], PersonScope.ForeignPersons, []), At, At, "UTC",
        [new SourceDocument(new string('b', 64), "Title", "https://x.example/1")], ["provider"], null);

    private static LedgerKnowledge Known(params ILedgerFact[] facts) =>
        LedgerKnowledge.Fold(facts.Select((f, i) => new RecordedFact(f, i + 1, 1, At.AddMinutes(i), "someone")));

    private static string Json(DirectiveEntry entry) => JsonSerializer.Serialize(entry, LedgerJson.Options);

    private static readonly OrganizationRegistered Provider = new("provider", "Provider", "US", true, [], IsAddressee: true);
    private static readonly OrganizationRegistered Customer = new("customer", "Customer", "US", true, [], IsAddressee: false);

    [Fact]
    public void the_addressees_regulator_sees_all_and_another_sees_effects_only()
    {
        var known = Known(new ModelRegistered("m-1", "M"), Provider, Customer, Issued(confidential: true));
        DirectiveEntry Entry(Clearance reader) => DirectiveEntry.At(known, "D-1", At.AddDays(1), Withholding.For(known, reader));
        var entry = Entry(Clearance.Full);

        Json(Entry(Clearance.OfOrganization("provider"))).ShouldBe(Json(entry));
        (entry.Reference, entry.Redacted).ShouldBe(("Ref 1", false));

        var withheld = Entry(Clearance.OfOrganization("customer"));
        (withheld.Reference, withheld.Rationale, withheld.Redacted).ShouldBe((Withholding.Marker, Withholding.Marker, true));
        withheld.Documents.ShouldBe([new SourceDocument(new string('b', 64), Withholding.Marker)]);
        Json(withheld with { Reference = entry.Reference, Rationale = entry.Rationale, Documents = entry.Documents, Redacted = false }).ShouldBe(Json(entry));
        Entry(Clearance.None).Reference.ShouldBe(Withholding.Marker);
    }

    [Fact]
    public void correcting_the_flag_away_does_not_reveal_the_first_recorded_text()
    {
        var correction = new CorrectionRecorded("C-1", "D-1", "D-1", "confidential", JsonSerializer.SerializeToElement(false), "was public");
        var known = Known(new ModelRegistered("m-1", "M"), Provider, Issued(confidential: true), correction);
        var reader = Withholding.For(known, Clearance.None);
        reader.IsConfidential("D-1").ShouldBeTrue();
        var withheld = AuditTrail.OfModel(known, "m-1", reader).Single(e => e.EventId == "D-1");
        ((DirectiveIssued)withheld.AsFirstRecorded!).Reference.ShouldBe(Withholding.Marker);
        ((DirectiveIssued)withheld.Fact).Reference.ShouldBe(Withholding.Marker);
        withheld.Corrections.ShouldHaveSingleItem().Reason.ShouldBe(Withholding.Marker);
    }

    [Fact]
    public void a_public_directive_is_never_withheld()
    {
        var known = Known(new ModelRegistered("m-1", "M"), Issued(confidential: false));
        var entry = DirectiveEntry.At(known, "D-1", At, Withholding.For(known, Clearance.None));
        (entry.Reference, entry.Redacted).ShouldBe(("Ref 1", false));
    }
}
