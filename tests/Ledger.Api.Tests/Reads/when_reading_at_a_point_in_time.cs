namespace Ledger.Api.Tests.Reads;

/// <summary>
/// Product.md section 3 and 10.18: reads take asOf (effective axis) and knownAt or position (recorded axis), answer
/// with the position they were computed at, and give the same bytes when asked again at the same point.
/// </summary>
public class when_reading_at_a_point_in_time(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Theory]
    [InlineData("/api/access-matrix")]
    [InlineData("/api/directives")]
    public async Task knownAt_and_position_together_are_400(string path)
    {
        var reply = await Host.Get($"{path}?asOf={DuringTheEasing}&knownAt={DuringTheEasing}&position=3");

        reply.ShouldBeProblem(400, "knownat-with-position", "position");
    }

    [Fact]
    public async Task a_position_beyond_the_head_is_400()
    {
        var head = await Host.Head();

        var reply = await Host.Get($"/api/access-matrix?position={head + 1}");

        reply.ShouldBeProblem(400, "position-beyond-head", "position");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task a_position_that_is_not_a_whole_number_from_0_is_400(string position)
    {
        var reply = await Host.Get($"/api/access-matrix?position={position}");

        reply.ShouldBeProblem(400, "invalid-position", "position");
    }

    [Theory]
    [InlineData("asOf", "yesterday")]
    [InlineData("asOf", "2026-06-27T12:00:00")]
    [InlineData("asOf", "2026-06-27")]
    [InlineData("asOf", "2026-13-27T12:00:00Z")]
    [InlineData("knownAt", "2026-06-27T12:00")]
    public async Task an_instant_that_is_not_rfc3339_with_an_offset_is_400(string parameter, string value)
    {
        var reply = await Host.Get($"/api/access-matrix?{parameter}={Uri.EscapeDataString(value)}");

        reply.ShouldBeProblem(400, "invalid-instant", parameter);
    }

    [Theory]
    [InlineData("2026-06-27T14:00:00%2B02:00")]
    [InlineData("2026-06-27T14:00:00+02:00")]
    [InlineData("2026-06-27T07:00:00-05:00")]
    public async Task an_instant_with_an_offset_means_the_same_instant_in_utc(string asOf)
    {
        var utc = await Host.Matrix($"asOf={DuringTheEasing}&position={RequestCount}");
        var offset = await Host.Matrix($"asOf={asOf}&position={RequestCount}");

        offset.Cells.Select(c => c.Line).ShouldBe(utc.Cells.Select(c => c.Line));
        offset.AsOf.ShouldBe(utc.AsOf);
    }

    [Fact]
    public async Task the_same_read_by_position_gives_the_same_bytes_even_after_the_ledger_moves_on()
    {
        var url = $"/api/access-matrix?position={RequestCount}&asOf={DuringTheEasing}";
        var first = await Host.Get(url);

        await Host.Recorded(Paths.Models, Requests.Model("m-after-the-read"));
        var second = await Host.Get(url);

        first.Status.ShouldBe(200, first.ToString());
        second.Text.ShouldBe(first.Text);
        var matrix = first.As<Matrix>();
        matrix.Position.ShouldBe(RequestCount);
        matrix.KnownAt.ShouldNotBeNull();
        matrix.Cells.ShouldNotContain(c => c.ModelId == "m-after-the-read");
    }

    [Fact]
    public async Task a_read_by_position_reports_the_recorded_time_of_that_position_as_knownAt()
    {
        var receipt = await Host.Recorded(Paths.Models, Requests.Model("m-known-at"));

        var matrix = await Host.Matrix($"position={receipt.Position}&asOf={DuringTheEasing}");

        matrix.KnownAt.ShouldBe(receipt.RecordedAt);
        matrix.Position.ShouldBe(receipt.Position);
    }

    [Fact]
    public async Task a_read_knownAt_an_instant_sees_only_what_was_recorded_by_then()
    {
        var receipt = await Host.Recorded(Paths.Models, Requests.Model("m-known-later"));

        var before = await Host.Matrix($"knownAt={Instants.Rfc3339(receipt.RecordedAt.AddTicks(-10))}&asOf={DuringTheEasing}");
        var at = await Host.Matrix($"knownAt={Instants.Rfc3339(receipt.RecordedAt)}&asOf={DuringTheEasing}");

        before.Position.ShouldBe(receipt.Position - 1);
        before.Cells.ShouldNotContain(c => c.ModelId == "m-known-later");
        at.Position.ShouldBe(receipt.Position);
        at.Cells.ShouldContain(c => c.ModelId == "m-known-later");
    }

    [Fact]
    public async Task a_knownAt_in_the_future_means_current_knowledge()
    {
        var head = await Host.Head();

        var matrix = await Host.Matrix($"knownAt=2030-01-01T00:00:00Z&asOf={DuringTheEasing}");

        matrix.Position.ShouldBe(head);
    }

    [Fact]
    public async Task a_late_recorded_backdated_easing_changes_the_past_only_for_readers_who_know_it()
    {
        const string asOf = "2026-06-21T00:00:00Z";
        var before = await Host.Head();
        var late = Requests.Easing("E-late-fable", [Fable], "2026-06-20T00:00:00Z", listed: false, addressee: true, receivedAt: "2026-06-27T09:00:00Z");

        var receipt = await Host.Recorded(Paths.Easings(Directive), late);

        receipt.Retroactive.ShouldBeTrue();
        receipt.Position.ShouldBe(before + 1);
        var unaware = await Host.Matrix($"asOf={asOf}&position={before}&modelId={Fable}&organizationId={Provider}");
        var aware = await Host.Matrix($"asOf={asOf}&position={receipt.Position}&modelId={Fable}&organizationId={Provider}");
        var current = await Host.Matrix($"asOf={asOf}&modelId={Fable}&organizationId={Provider}");
        unaware[Fable, Provider, ForeignPerson].Legal.ShouldBe("restricted");
        aware[Fable, Provider, ForeignPerson].Legal.ShouldBe("eased");
        aware[Fable, Provider, ForeignPerson].Basis.Select(b => b.EventId).ShouldContain("E-late-fable");
        current[Fable, Provider, ForeignPerson].Legal.ShouldBe("eased");
        aware[Fable, Provider, ForeignPerson].Access.ShouldBe("denied");
        var register = await Host.Get($"/api/directives/{Directive}?asOf={asOf}&position={before}");
        register.Json["directive"]!["status"]!.GetValue<string>().ShouldBe("in-force");
        (await Host.Get($"/api/directives/{Directive}?asOf={asOf}")).Json["directive"]!["status"]!.GetValue<string>().ShouldBe("eased");
    }

    [Fact]
    public async Task a_fact_effective_when_it_was_received_is_not_retroactive()
    {
        var receipt = await Host.Recorded(Paths.Directives,
            Requests.Directive("D-on-time", [Mythos], "2026-08-01T00:00:00Z", receivedAt: "2026-08-01T00:00:00Z"));

        receipt.Retroactive.ShouldBeFalse();
    }

    [Fact]
    public async Task a_fact_effective_before_it_was_received_is_retroactive()
    {
        var receipt = await Host.Recorded(Paths.Directives,
            Requests.Directive("D-backdated", [Mythos], "2026-07-25T00:00:00Z", receivedAt: "2026-08-01T00:00:00Z"));

        receipt.Retroactive.ShouldBeTrue();
        var times = (await Host.Get("/api/directives/D-backdated?asOf=2026-08-02T00:00:00Z")).Json["directive"]!["times"]!;
        times["retroactive"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task a_registration_has_no_effective_time_and_is_not_retroactive()
    {
        var receipt = await Host.Recorded(Paths.Models, Requests.Model("m-registered"));

        receipt.Retroactive.ShouldBeFalse();
        (await Host.Matrix($"asOf=1990-01-01T00:00:00Z&modelId=m-registered")).Cells.ShouldNotBeEmpty();
    }
}
