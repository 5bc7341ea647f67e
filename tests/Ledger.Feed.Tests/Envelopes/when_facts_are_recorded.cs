using System.Text.Json;
using CloudNative.CloudEvents;
using Ledger.Api.Feed.Envelopes;
using Ledger.Domain.Readers;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Envelopes;

[Collection(LedgerCollection.Name)]
public sealed class when_facts_are_recorded(LedgerApp app)
{
    private readonly Given _given = new(app.Writer);
    private readonly FeedClient _feed = new(app.Subscriber);

    [Fact]
    public async Task every_event_is_a_cloudevent_a_consumer_can_parse_with_the_sdk()
    {
        var model = _given.Id("model");
        var start = await _given.Model(model) - 1;
        var organization = _given.Id("org");
        await _given.Organization(organization);

        var events = await _feed.All(start);

        events.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var e in events)
        {
            e.SpecVersion.ShouldBe(CloudEventsSpecVersion.V1_0);
            e.Id.ShouldNotBeNullOrEmpty();
            e.Source!.ToString().ShouldBe("/directive-ledger");
            e.Type!.ShouldStartWith("ledger.");
            e.Subject.ShouldNotBeNullOrEmpty();
            e.Time.ShouldNotBeNull();
            e[FeedEnvelopes.RecordedTime].ShouldBeOfType<DateTimeOffset>();
            e.DataContentType.ShouldBe("application/json");
            e.Data.ShouldBeOfType<JsonElement>();
            ((string)e[CloudNative.CloudEvents.Extensions.Sequence.SequenceAttribute]!).Length.ShouldBe(19);
        }

        var registered = events.Single(e => e.Id == model);
        registered.Type.ShouldBe("ledger.model-registered.v1");
        registered.Subject.ShouldBe(model);
        registered.Time.ShouldBe(registered[FeedEnvelopes.RecordedTime]);
        FeedClient.Index(registered).ShouldBe(0);
        FeedClient.Data(registered).GetProperty("modelId").GetString().ShouldBe(model);
        events.Select(e => (FeedClient.Position(e), FeedClient.Index(e))).ShouldBeInOrder();
    }

    [Fact]
    public async Task a_confidential_directive_shows_its_effects_but_never_its_text()
    {
        var model = _given.Id("model");
        var start = await _given.Model(model) - 1;
        var organization = _given.Id("org");
        await _given.Organization(organization);
        var directive = _given.Id("D");
        var effective = Given.In(TimeSpan.FromHours(-1));
        var position = await _given.Directive(directive, [model], effective, confidential: true, rationale: "the rationale nobody may read", addressees: [organization]);

        var events = await _feed.All(start);
        var issued = events.Single(e => e.Id == directive);
        var data = FeedClient.Data(issued);
        data.GetProperty("reference").GetString().ShouldBe(Withholding.Marker);
        data.GetProperty("rationale").GetString().ShouldBe(Withholding.Marker);
        data.GetProperty("documents")[0].GetProperty("sha256").GetString().ShouldBe(new string('a', 64));
        data.GetProperty("documents")[0].GetProperty("title").GetString().ShouldBe(Withholding.Marker);
        data.GetProperty("documents")[0].GetProperty("uri").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("authorities")[0].GetString().ShouldBe("15 CFR 744.22");
        issued.Time.ShouldBe(DateTimeOffset.Parse(effective));

        var raw = await app.Subscriber.GetStringAsync($"/api/feed?after={start}&limit=1000");
        raw.ShouldNotContain("Secret letter");
        raw.ShouldNotContain("nobody may read");
        raw.ShouldNotContain("example.invalid");

        var changes = events.Where(e => FeedClient.Position(e) == position && e.Type == FeedEnvelopes.AccessChangedType).ToList();
        changes.ShouldAllBe(e => e.Subject!.StartsWith($"access/{model}/") && e.Subject.EndsWith("/foreign-person"));
        var mine = changes.Where(e => e.Subject!.Contains($"/{organization}/") || e.Subject!.Contains("/*/")).ToList();
        mine.Count.ShouldBe(2);
        foreach (var change in mine)
        {
            change.Time.ShouldBe(DateTimeOffset.Parse(effective));
            var cell = FeedClient.Data(change);
            cell.GetProperty("before").GetProperty("access").GetString().ShouldBe("allowed");
            cell.GetProperty("after").GetProperty("access").GetString().ShouldBe("denied");
            cell.GetProperty("after").GetProperty("legal").GetString().ShouldBe("restricted");
            cell.GetProperty("after").GetProperty("basis")[0].GetProperty("eventId").GetString().ShouldBe(directive);
            cell.GetProperty("accessChanged").GetBoolean().ShouldBeTrue();
            cell.GetProperty("cause").GetProperty("position").GetInt64().ShouldBe(position);
        }
    }

    [Fact]
    public async Task a_suspension_effective_later_is_announced_with_its_effective_time_so_gateways_can_schedule_it()
    {
        var model = _given.Id("model");
        var start = await _given.Model(model) - 1;
        var organization = _given.Id("org");
        await _given.Organization(organization);
        var later = Given.In(TimeSpan.FromDays(2));
        var position = await _given.Suspension(_given.Id("S"), model, later);

        var changes = (await _feed.All(start))
            .Where(e => FeedClient.Position(e) == position && e.Type == FeedEnvelopes.AccessChangedType).ToList();

        changes.Select(FeedClient.Index).ShouldBe(Enumerable.Range(1, changes.Count));
        changes.ShouldAllBe(e => e.Subject!.StartsWith($"access/{model}/"));
        var mine = changes.Where(e => e.Subject!.Contains($"/{organization}/") || e.Subject!.Contains("/*/")).ToList();
        mine.Count.ShouldBe(4);
        foreach (var change in mine)
        {
            change.Time.ShouldBe(DateTimeOffset.Parse(later));
            var cell = FeedClient.Data(change);
            cell.GetProperty("changedFrom").GetString().ShouldBe(later);
            cell.GetProperty("before").GetProperty("provider").GetString().ShouldBe("enabled");
            cell.GetProperty("after").GetProperty("provider").GetString().ShouldBe("suspended");
            cell.GetProperty("after").GetProperty("access").GetString().ShouldBe("denied");
            cell.GetProperty("schedule").GetArrayLength().ShouldBe(1);
        }
    }
}
