namespace Ledger.Api.Tests.Concurrency;

/// <summary>
/// Writes judged against the whole ledger must be serialised: of N racing writes that conflict exactly one wins and
/// exactly one event is appended; writes that do not conflict all win, at distinct, contiguous positions.
/// </summary>
public class when_writes_race(AppFixture app) : IntegrationContext(app)
{
    private const int Racers = 8;

    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task of_eight_creates_of_one_id_exactly_one_is_recorded()
    {
        var before = await App.Database.EventCount();

        var replies = await Race(i => Host.Post(Paths.Models, Requests.Model("m-race", $"Racer {i}")));

        replies.Count(r => r.Status == 201).ShouldBe(1, Summary(replies));
        replies.Where(r => r.Status != 201).ShouldAllBe(r => r.Status == 409, Summary(replies));
        foreach (var loser in replies.Where(r => r.Status != 201))
            loser.ShouldBeProblem(409, "duplicate-id", "modelId");
        (await App.Database.EventCount()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task of_eight_creates_of_one_id_across_kinds_exactly_one_is_recorded()
    {
        var before = await App.Database.EventCount();

        var replies = await Race(i => i % 2 == 0
            ? Host.Post(Paths.Models, Requests.Model("x-race"))
            : Host.Post(Paths.Organizations, Requests.Organization("x-race")));

        replies.Count(r => r.Status == 201).ShouldBe(1, Summary(replies));
        replies.Where(r => r.Status != 201).ShouldAllBe(r => r.Status == 409, Summary(replies));
        (await App.Database.EventCount()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task of_eight_writes_naming_one_stream_version_exactly_one_is_recorded()
    {
        var organization = await Host.Recorded(Paths.Organizations, Requests.Organization("race-org"));
        var before = await App.Database.EventCount();

        var replies = await Race(i => Host.Post(Paths.Vettings("race-org"),
            Requests.Vetting($"V-race-{i}", Easing, DuringTheEasing), ifMatch: $"\"{organization.StreamVersion}\""));

        replies.Count(r => r.Status == 201).ShouldBe(1, Summary(replies));
        foreach (var loser in replies.Where(r => r.Status != 201))
            loser.ShouldBeProblem(412, "stream-version-mismatch", "If-Match");
        (await App.Database.EventCount()).ShouldBe(before + 1);
        replies.Single(r => r.Status == 201).As<Receipt>().StreamVersion.ShouldBe(organization.StreamVersion + 1);
    }

    [Fact]
    public async Task eight_retries_of_one_keyed_write_record_it_once_and_answer_alike()
    {
        var before = await App.Database.EventCount();
        var body = Requests.Model("m-race-keyed");

        var replies = await Race(_ => Host.Post(Paths.Models, body, idempotencyKey: "race-key"));

        replies.ShouldAllBe(r => r.Status == 201, Summary(replies));
        replies.Select(r => r.Text).Distinct().ShouldHaveSingleItem();
        (await App.Database.EventCount()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task many_writes_that_do_not_conflict_are_all_recorded_at_distinct_contiguous_positions()
    {
        const int writers = 24;
        var head = await Host.Head();

        var replies = await Race(i => (i % 3) switch
        {
            0 => Host.Post(Paths.Models, Requests.Model($"m-many-{i}")),
            1 => Host.Post(Paths.Organizations, Requests.Organization($"o-many-{i}")),
            _ => Host.Post(Paths.Vettings(Acme), Requests.Vetting($"V-many-{i}", Easing, DuringTheEasing, outcome: "rejected")),
        }, writers);

        replies.ShouldAllBe(r => r.Status == 201, Summary(replies));
        var receipts = replies.Select(r => r.As<Receipt>()).ToList();
        receipts.Select(r => r.Position).Order().ShouldBe(Enumerable.Range(1, writers).Select(n => head + n));
        var acmeVersions = receipts.Where(r => r.Id.StartsWith("V-many-")).Select(r => r.StreamVersion).Order().ToList();
        acmeVersions.ShouldBe(Enumerable.Range(2, acmeVersions.Count).Select(v => (long)v));
        receipts.OrderBy(r => r.Position).Select(r => r.RecordedAt).ShouldBeInOrder(SortDirection.Ascending);
        (await Host.Head()).ShouldBe(head + writers);
        var rows = (await Host.Matrix($"asOf={DuringTheEasing}&modelId=m-many-0")).Cells.Select(c => c.OrganizationId).ToHashSet();
        Enumerable.Range(0, writers).Where(i => i % 3 == 1).Select(i => $"o-many-{i}").ShouldAllBe(o => rows.Contains(o));
    }

    private static async Task<Reply[]> Race(Func<int, Task<Reply>> write, int racers = Racers)
    {
        using var start = new SemaphoreSlim(0);
        var writes = Enumerable.Range(0, racers).Select(async i =>
        {
            await start.WaitAsync();
            return await write(i);
        }).ToList();
        start.Release(racers);
        return await Task.WhenAll(writes);
    }

    private static string Summary(IEnumerable<Reply> replies) => string.Join("\n", replies.Select(r => r.ToString()));
}
