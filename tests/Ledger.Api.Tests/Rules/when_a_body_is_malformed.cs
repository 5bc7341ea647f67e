namespace Ledger.Api.Tests.Rules;

/// <summary>
/// Product.md rule 6 and 10.13: strict JSON (unknown fields, wrong types, missing members, nulls, enums as numbers,
/// times without offsets are 400 naming the JSON path), bodies over 1 MiB are 413, anything but JSON is 415.
/// </summary>
public class when_a_body_is_malformed(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    private static JsonObject Vetting => Requests.Vetting("V-malformed", Easing, DuringTheEasing);

    private static JsonObject Issue => Requests.Directive("D-malformed", [Mythos], "2026-08-01T00:00:00Z");

    private static JsonObject Scope(Func<JsonObject, JsonObject> change) => Issue.With("scope", change(Issue["scope"]!.AsObject()));

    public static TheoryData<string, string, JsonNode, string> BodiesWithAWrongField => new()
    {
        { "unknown member", Paths.Models, Requests.Model("m-extra").With("extra", 1), "extra" },
        { "unknown nested member", Paths.Directives, Scope(s => s.With("channels", new JsonArray())), "scope.channels" },
        { "number for a string", Paths.Models, Requests.Model("m-number").With("name", 5), "name" },
        { "string for a boolean", Paths.Organizations, Requests.Organization("o-bool").With("usPersonEntity", "yes"), "usPersonEntity" },
        { "number inside an array", Paths.Directives, Scope(s => s.With("activities", new JsonArray(1))), "scope.activities[0]" },
        { "null for a required string", Paths.Models, Requests.Model("m-null").With("name", null), "name" },
        { "null for a required list", Paths.Vettings(Acme), Vetting.With("criteria", null), "criteria" },
        { "enum as a number", Paths.Vettings(Acme), Vetting.With("outcome", 0), "outcome" },
        { "enum value unknown", Paths.Vettings(Acme), Vetting.With("outcome", "maybe"), "outcome" },
        { "enum as a number in an array", Paths.Suspensions, Requests.Suspension("S-n", Mythos, Acme, [], DuringTheEasing).With("personClasses", new JsonArray(1)), "personClasses[0]" },
        { "time without an offset", Paths.Vettings(Acme), Vetting.With("effectiveAt", "2026-06-27T12:00:00"), "effectiveAt" },
        { "date without a time", Paths.Vettings(Acme), Vetting.With("effectiveAt", "2026-06-27"), "effectiveAt" },
        { "time as a number", Paths.Vettings(Acme), Vetting.With("expiresAt", 1782561600), "expiresAt" },
    };

    [Theory]
    [MemberData(nameof(BodiesWithAWrongField))]
    public async Task a_body_with_a_wrong_member_is_400_naming_its_json_path(string situation, string path, JsonNode body, string field)
    {
        var reply = await Refused(() => Host.Post(path, body));

        reply.ShouldBeProblem(400, "invalid-body", field);
        situation.ShouldNotBeEmpty();
    }

    public static TheoryData<string, string, JsonNode, string> BodiesMissingAMember => new()
    {
        { "missing required member", Paths.Models, Requests.Model("m-missing").Without("name"), "name" },
        { "missing required nested member", Paths.Directives, Scope(s => s.Without("persons")), "scope.persons" },
    };

    [Theory]
    [MemberData(nameof(BodiesMissingAMember))]
    public async Task a_body_missing_a_required_member_is_400_naming_that_member(string situation, string path, JsonNode body, string field)
    {
        var reply = await Refused(() => Host.Post(path, body));

        reply.ShouldBeProblem(400, "invalid-body", field);
        situation.ShouldNotBeEmpty();
    }

    public static TheoryData<string, string, JsonNode, string, string> FieldsOutsideTheirVocabulary => new()
    {
        { "country not ISO 3166", Paths.Organizations, Requests.Organization("o-country").With("country", "USA"), "invalid-country", "country" },
        { "sector not a CISA sector", Paths.Organizations, Requests.Organization("o-sector").With("sectors", new JsonArray("energy", "space")), "invalid-sector", "sectors[1]" },
        { "model named twice", Paths.Easings(Directive), Requests.Easing("E-twice", [Mythos, Mythos], DuringTheEasing), "duplicate-item", "models" },
        { "document hash not SHA-256", Paths.Directives, Issue.With("documents", new JsonArray(new JsonObject { ["sha256"] = "abc", ["title"] = "t" })), "invalid-sha256", "documents[0].sha256" },
        { "document uri not absolute", Paths.Directives, Issue.With("documents", new JsonArray(new JsonObject { ["sha256"] = Requests.Sha256, ["title"] = "t", ["uri"] = "letters/1.pdf" })), "invalid-uri", "documents[0].uri" },
        { "empty reason", Paths.Revocations(WaterCoop, WaterCoopVetting), Requests.Revocation(DuringTheEasing, reason: ""), "missing-text", "reason" },
        { "control character in a name", Paths.Models, Requests.Model("m-control", "Mythos\u0007"), "invalid-text", "name" },
        { "no person class", Paths.Suspensions, Requests.Suspension("S-none", Mythos, Acme, [], DuringTheEasing), "empty-list", "personClasses" },
    };

    [Theory]
    [MemberData(nameof(FieldsOutsideTheirVocabulary))]
    public async Task a_field_outside_its_vocabulary_is_400_naming_its_rule(string situation, string path, JsonNode body, string rule, string field)
    {
        var reply = await Refused(() => Host.Post(path, body));

        reply.ShouldBeProblem(400, rule, field);
        situation.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"modelId\":\"m-trailing\",\"name\":\"M\"} {}")]
    [InlineData("{\"modelId\":\"m-cut\",")]
    public async Task a_body_that_is_not_one_json_object_is_400(string text)
    {
        var reply = await Refused(() => Host.PostBytes(Paths.Models, Encoding.UTF8.GetBytes(text)));

        reply.ShouldBeProblem(400, "invalid-body");
    }

    [Fact]
    public async Task a_body_that_is_not_utf8_is_400()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"modelId\":\"m-latin1\",\"name\":\"Caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();

        var reply = await Refused(() => Host.PostBytes(Paths.Models, bytes));

        reply.ShouldBeProblem(400, "invalid-body");
        reply.Str("detail").ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_body_over_one_mebibyte_is_413(bool chunked)
    {
        var body = Requests.Model("m-big", new string('x', 1024 * 1024));

        var reply = await Refused(() => Host.PostBytes(Paths.Models, Encoding.UTF8.GetBytes(body.ToJsonString()), chunked: chunked));

        reply.ShouldBeProblem(413, "body-too-large");
    }

    [Fact]
    public async Task a_body_of_just_under_one_mebibyte_is_judged_on_its_content()
    {
        var padding = 1024 * 1024 - Requests.Model("m-almost", "").ToJsonString().Length;
        var bytes = Encoding.UTF8.GetBytes(Requests.Model("m-almost", new string('x', padding)).ToJsonString());
        bytes.Length.ShouldBe(1024 * 1024);

        var reply = await Refused(() => Host.PostBytes(Paths.Models, bytes));

        reply.ShouldBeProblem(400, "invalid-text", "name");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task a_body_that_is_not_json_is_415(string? contentType)
    {
        var reply = await Refused(() => Host.PostBytes(Paths.Models, Encoding.UTF8.GetBytes(Requests.Model("m-415").ToJsonString()), contentType));

        reply.ShouldBeProblem(415, "unsupported-media-type", "Content-Type");
    }

    [Fact]
    public async Task json_with_a_charset_parameter_is_accepted()
    {
        var reply = await Host.PostBytes(Paths.Models, Encoding.UTF8.GetBytes(Requests.Model("m-charset").ToJsonString()), "application/json; charset=utf-8");

        reply.Status.ShouldBe(201, reply.ToString());
    }

    [Fact]
    public async Task a_received_time_at_an_offset_its_zone_did_not_have_is_400()
    {
        var body = Requests.Directive("D-offset", [Mythos], "2026-08-01T00:00:00Z", receivedAt: "2026-07-31T19:00:00-05:00", receivedTimeZone: "America/New_York");

        var reply = await Refused(() => Host.Post(Paths.Directives, body));

        reply.ShouldBeProblem(400, "received-offset-mismatch", "receivedAt");
    }

    [Fact]
    public async Task a_received_time_zone_that_is_not_iana_is_400()
    {
        var body = Requests.Directive("D-zone", [Mythos], "2026-08-01T00:00:00Z", receivedTimeZone: "Eastern Standard Time");

        var reply = await Refused(() => Host.Post(Paths.Directives, body));

        reply.ShouldBeProblem(400, "invalid-time-zone", "receivedTimeZone");
    }

    [Fact]
    public async Task a_received_time_after_the_recording_is_400()
    {
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

        var reply = await Refused(() => Host.Post(Paths.Directives, Requests.Directive("D-future", [Mythos], tomorrow)));

        reply.ShouldBeProblem(400, "received-in-future", "receivedAt");
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("2099-01-01T00:00:00Z")]
    public async Task an_instant_before_1970_or_more_than_ten_years_ahead_is_400(string effectiveAt)
    {
        var reply = await Refused(() => Host.Post(Paths.Vettings(Acme), Vetting.With("effectiveAt", effectiveAt)));

        reply.ShouldBeProblem(400, "instant-out-of-range", "effectiveAt");
    }

    [Fact]
    public async Task a_received_time_given_in_utc_is_kept_at_its_zones_local_wall_time()
    {
        var body = Requests.Directive("D-local", [Mythos], "2026-08-01T00:00:00Z", receivedAt: "2026-07-31T21:30:00Z", receivedTimeZone: "America/New_York");

        await Host.Recorded(Paths.Directives, body);

        var times = (await Host.Get("/api/directives/D-local?asOf=2026-08-02T00:00:00Z")).Json["directive"]!["times"]!;
        times["receivedAt"]!.GetValue<string>().ShouldBe("2026-07-31T17:30:00-04:00");
        times["receivedLocalTime"]!.GetValue<string>().ShouldBe("2026-07-31T17:30:00");
        times["receivedTimeZone"]!.GetValue<string>().ShouldBe("America/New_York");
    }
}
