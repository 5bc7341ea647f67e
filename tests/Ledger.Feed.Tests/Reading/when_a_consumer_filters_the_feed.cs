using System.Text.Json;
using CloudNative.CloudEvents;
using Ledger.Api.Feed.Envelopes;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Reading;

/// <summary>
/// <c>modelId</c> and <c>organizationId</c> on the pull feed and the stream: a filtered consumer gets exactly the
/// positions that changed its cells, in order, each with its ledger event and only its cells' changes, and resumes by
/// position, however small its pages.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_a_consumer_filters_the_feed(LedgerApp app)
{
    private readonly Given given = new(app.Writer);

    [Fact]
    public async Task the_pull_feed_serves_only_the_positions_and_changes_of_its_cells_and_resumes_page_by_page()
    {
        var (m1, m2, o1, o2) = (given.Id("filter-m1"), given.Id("filter-m2"), given.Id("filter-o1"), given.Id("filter-o2"));
        var before = await given.Model(m1) - 1;
        await given.Model(m2);
        await given.Organization(o1);
        await given.Organization(o2);
        for (var i = 0; i < 6; i++)
        {
            await given.Suspension(given.Id($"s{i}"), i % 2 == 0 ? m1 : m2, Given.In(TimeSpan.FromHours(i - 3)), i % 3 == 0 ? o1 : o2);
            await given.Suspension(given.Id($"all{i}"), m2, Given.In(TimeSpan.FromHours(i - 10)));
        }

        var everything = await new FeedClient(app.Subscriber).All(before);
        var filter = $"modelId={m1}&organizationId={o1}&organizationId=*";
        bool Held(CloudEvent e) => e.Type == FeedEnvelopes.AccessChangedType
            && FeedClient.Data(e).GetProperty("modelId").GetString() == m1
            && FeedClient.Data(e).GetProperty("organizationId").GetString() is var o && (o == o1 || o == "*");
        var expected = everything.Where(e => FeedClient.Index(e) == 0 ? everything.Any(c => FeedClient.Position(c) == FeedClient.Position(e) && Held(c)) : Held(e))
            .Select(e => e.Id).ToList();
        expected.Count.ShouldBeGreaterThan(2);

        var served = new List<CloudEvent>();
        var after = before;
        for (var page = 0; page < 1000; page++)
        {
            var (next, events) = await Page($"/api/feed?after={after}&limit=1&{filter}");
            served.AddRange(events);
            if (next == after)
                break;
            next.ShouldBeGreaterThan(after);
            after = next;
        }

        served.Select(e => e.Id).ShouldBe(expected);
        served.Select(e => (FeedClient.Position(e), FeedClient.Index(e))).ShouldBeInOrder();
        served.Where(e => FeedClient.Index(e) > 0).All(Held).ShouldBeTrue("a change of another cell was served");
    }

    [Fact]
    public async Task the_stream_serves_only_the_positions_of_its_cells()
    {
        var (m1, m2) = (given.Id("stream-filter-m1"), given.Id("stream-filter-m2"));
        var before = await given.Model(m1) - 1;
        await given.Model(m2);
        var other = await given.Suspension(given.Id("s-other"), m2, Given.In(TimeSpan.FromHours(-1)));
        var mine = await given.Suspension(given.Id("s-mine"), m1, Given.In(TimeSpan.FromHours(-1)));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var ids = new List<long>();
        await foreach (var message in SseClient.Read(app.Subscriber, $"/api/feed/stream?after={before}&modelId={m1}", null, deadline.Token))
        {
            if (message.Id is null)
                continue;
            ids.Add(long.Parse(message.Id));
            foreach (var e in JsonDocument.Parse(message.Data).RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == FeedEnvelopes.AccessChangedType))
                e.GetProperty("data").GetProperty("modelId").GetString().ShouldBe(m1);
            if (ids[^1] == mine)
                break;
        }

        ids.ShouldNotContain(other);
        ids.ShouldContain(before + 1, "the model's registration opened its column");
        ids.ShouldBeInOrder();
    }

    [Theory]
    [InlineData("/api/feed?modelId=no-such-model", 404, "model-not-found")]
    [InlineData("/api/feed/stream?organizationId=no-such-organisation", 404, "organization-not-found")]
    public async Task an_unknown_model_or_organisation_is_not_found(string path, int status, string rule)
    {
        using var response = await app.Subscriber.GetAsync(path);
        ((int)response.StatusCode).ShouldBe(status);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString().ShouldBe(rule);
    }

    [Fact]
    public async Task a_filter_longer_than_a_hundred_is_refused()
    {
        var model = given.Id("filter-many");
        await given.Model(model);
        using var response = await app.Subscriber.GetAsync("/api/feed?" + string.Join("&", Enumerable.Repeat($"modelId={model}", 101)));
        ((int)response.StatusCode).ShouldBe(400);
    }

    private async Task<(long Next, IReadOnlyList<CloudEvent> Events)> Page(string path)
    {
        using var response = await app.Subscriber.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        var json = JsonDocument.Parse(text).RootElement;
        var events = json.GetProperty("events").EnumerateArray()
            .Select(e => FeedEnvelopes.Formatter.ConvertFromJsonElement(e, FeedEnvelopes.Extensions)).ToList();
        return (json.GetProperty("next").GetInt64(), events);
    }
}
