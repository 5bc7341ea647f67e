namespace Ledger.Domain.Tests.Kinds;

/// <summary>
/// A <c>directive-issued.v1</c> names no addressees; it is read as addressed to the organisations flagged
/// <c>isAddressee</c> when it was recorded, so the provider's regulator reads it as before, and an organisation
/// flagged later gains nothing. The stored fact is never changed.
/// </summary>
public sealed class when_a_directive_recorded_before_addressees_is_read
{
    private static readonly DateTimeOffset At = new(2026, 6, 12, 21, 21, 0, TimeSpan.Zero);

    private static readonly DirectiveIssuedV1 Old = new(
        "D-old", "BIS letter", "BIS", ["15 CFR 744.22"], DirectiveKind.Letter, "email", "reasons", true,
        new DirectiveScope(["m"], PersonScope.ForeignPersons, []), At, At, "UTC", [new SourceDocument(new string('a', 64), "Letter")]);

    private static readonly LedgerKnowledge Known = LedgerKnowledge.Fold(new ILedgerFact[]
    {
        new ModelRegistered("m", "M"),
        new OrganizationRegistered("provider", "Provider", "US", true, [], IsAddressee: true),
        new OrganizationRegistered("agency", "Agency", "US", true, [], IsAddressee: false),
        Old,
        new OrganizationRegistered("flagged-later", "Flagged later", "US", true, [], IsAddressee: true),
    }.Select((f, i) => new RecordedFact(f, i + 1, 1, At.AddMinutes(i), "someone")));

    [Fact]
    public void it_is_read_as_addressed_to_the_addressees_of_its_time()
    {
        var known = Known.Find("D-old")!;
        known.Recorded.Fact.ShouldBeSameAs(Old);
        known.Recorded.Type.ShouldBe("directive-issued.v1");
        var read = known.As<DirectiveIssued>();
        read.Addressees.ShouldBe(["provider"]);
        read.IssuingOrganizationId.ShouldBeNull();
        (read.Reference, read.Scope, read.Confidential).ShouldBe((Old.Reference, Old.Scope, true));
    }

    [Theory]
    [InlineData("provider", true)]
    [InlineData("agency", false)]
    [InlineData("flagged-later", false)]
    public void only_the_regulator_of_an_addressee_of_its_time_reads_its_text(string organization, bool cleared)
    {
        var reader = Withholding.For(Known, Clearance.OfOrganization(organization));
        reader.Withholds(Old).ShouldBe(!cleared);
        reader.Apply(Old).Reference.ShouldBe(cleared ? "BIS letter" : Withholding.Marker);
        DirectiveEntry.At(Known, "D-old", At, reader).Rationale.ShouldBe(cleared ? "reasons" : Withholding.Marker);
    }

    [Fact]
    public void it_is_never_written_again()
    {
        var decision = Admission.Admission.Decide(Known.Without("D-old"), Old with { DirectiveId = "D-new" }, At.AddDays(1));
        decision.ShouldBeOfType<Decision.Refused>().Violation.Rule.ShouldBe("superseded-kind");
    }
}
