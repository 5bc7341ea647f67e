namespace Ledger.Api.Tests.Rules;

/// <summary>Product.md rule 8 and 10.16: If-Match names the version of the stream the write appends to; a mismatch is 412.</summary>
public class when_a_write_names_the_stream_version_it_expects(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task a_stale_version_is_412_and_nothing_is_written()
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(Acme), Requests.Vetting("V-stale", Easing, "2026-06-27T00:00:00Z"), ifMatch: "\"0\""));

        reply.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");
        (await Host.Post(Paths.Check, Requests.Check(Mythos, Acme, ForeignPerson, DuringTheEasing))).Str("legal").ShouldBe("restricted");
    }

    [Fact]
    public async Task the_current_version_is_accepted_and_the_answer_names_the_next()
    {
        var registered = await Host.Recorded(Paths.Organizations, Requests.Organization("if-match-org"));
        registered.StreamVersion.ShouldBe(1);

        var reply = await Host.Post(Paths.Vettings("if-match-org"), Requests.Vetting("V-if-match-1", Easing, "2026-06-27T00:00:00Z"), ifMatch: "\"1\"");

        reply.Status.ShouldBe(201, reply.ToString());
        var receipt = reply.As<Receipt>();
        receipt.Id.ShouldBe("V-if-match-1");
        receipt.StreamVersion.ShouldBe(2);
        receipt.Position.ShouldBe(registered.Position + 1);
        reply.Headers.ETag.ToString().ShouldBe("\"2\"");

        var again = await Refused(() => Host.Post(Paths.Vettings("if-match-org"), Requests.Vetting("V-if-match-2", Easing, "2026-06-27T00:00:00Z"), ifMatch: "\"1\""));
        again.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");
    }

    [Fact]
    public async Task an_easing_names_the_version_of_its_directives_stream()
    {
        var stale = await Refused(() => Host.Post(Paths.Easings(Directive), Requests.Easing("E-if-match", [Fable], "2026-06-28T00:00:00Z"), ifMatch: "\"1\""));
        stale.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");

        var receipt = await Host.Recorded(Paths.Easings(Directive), Requests.Easing("E-if-match", [Fable], "2026-06-28T00:00:00Z"), ifMatch: "\"3\"");
        receipt.StreamVersion.ShouldBe(4);
    }

    [Fact]
    public async Task a_suspension_names_the_version_of_the_models_access_stream()
    {
        var stale = await Refused(() => Host.Post(Paths.Suspensions, Requests.Suspension("S-if-match", Fable, Acme, BothClasses, "2026-07-03T00:00:00Z"), ifMatch: "\"1\""));
        stale.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");

        var receipt = await Host.Recorded(Paths.Suspensions, Requests.Suspension("S-if-match", Fable, Acme, BothClasses, "2026-07-03T00:00:00Z"), ifMatch: "\"2\"");
        receipt.StreamVersion.ShouldBe(3);
    }

    [Fact]
    public async Task a_correction_names_the_version_of_the_stream_of_the_fact_it_corrects()
    {
        var stale = await Refused(() => Host.Post(Paths.Corrections,
            Requests.Correction("C-if-match", GridDefenseVetting, "vettedBy", JsonValue.Create("legal@frontier-labs")), ifMatch: "\"1\""));
        stale.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");

        var receipt = await Host.Recorded(Paths.Corrections,
            Requests.Correction("C-if-match", GridDefenseVetting, "vettedBy", JsonValue.Create("legal@frontier-labs")), ifMatch: "\"2\"");
        receipt.StreamVersion.ShouldBe(3);
    }

    [Fact]
    public async Task version_0_names_a_stream_that_does_not_exist_yet()
    {
        var stale = await Refused(() => Host.Post(Paths.Models, Requests.Model("m-if-match-new"), ifMatch: "\"1\""));
        stale.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");

        var receipt = await Host.Recorded(Paths.Models, Requests.Model("m-if-match-new"), ifMatch: "\"0\"");

        receipt.StreamVersion.ShouldBe(1);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"-1\"")]
    public async Task an_if_match_that_is_not_a_version_is_400(string ifMatch)
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(Acme), Requests.Vetting("V-bad-if-match", Easing, "2026-06-27T00:00:00Z"), ifMatch: ifMatch));

        reply.ShouldBeProblem(400, "invalid-if-match", "If-Match");
    }
}
