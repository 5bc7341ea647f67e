using System.Text.Json;
using Ledger.Api.Feed.Envelopes;
using Ledger.Domain.Changes;
using Ledger.Domain.Json;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Snapshots;

/// <summary>
/// <c>GET /api/feed/snapshot</c>: a consumer that loads a snapshot and then applies the feed after its position
/// holds exactly the matrix the ledger answers at its head, however writes raced the snapshot; bad input is refused.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_a_consumer_starts_from_a_snapshot(LedgerApp app)
{
    private sealed record Snapshot(long Position, DateTimeOffset At, Dictionary<string, FollowedCell> Cells);

    private readonly Given given = new(app.Writer);

    [Fact]
    public async Task snapshot_then_feed_equals_the_matrix_at_the_head_with_writes_racing_the_snapshots()
    {
        var (m1, m2, o1, o2) = (given.Id("snap-m1"), given.Id("snap-m2"), given.Id("snap-o1"), given.Id("snap-o2"));
        await given.Model(m1);
        await given.Model(m2);
        await given.Organization(o1);
        await given.Organization(o2);
        var models = new[] { m1, m2 };
        var rows = new[] { o1, o2, "*" };

        var random = new Random(17);
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var model = models[random.Next(models.Length)];
                var row = rows[random.Next(rows.Length)];
                // The directive restricts foreign persons of m1, whom no restoration may then release. Backdated by up to two days or effective up to three hours ahead: the schedules must carry the future ones.
                var at = Given.In(TimeSpan.FromMinutes(random.Next(-2 * 24 * 60, 3 * 60)));
                if (random.Next(2) == 0)
                    await given.Suspension(given.Id($"s{i}"), model, at, row, random.Next(3) == 0 ? ["foreign-person"] : null);
                else
                    await given.Restoration(given.Id($"r{i}"), model, at, row, i > 20 && model == m1 ? ["us-person"] : null);
                if (i == 20)
                    await given.Directive(given.Id("snap-d"), [m1], Given.In(TimeSpan.FromDays(-3)));
            }
        });
        var snapshots = new List<Snapshot>();
        while (!writes.IsCompleted)
            snapshots.Add(await Take($"/api/feed/snapshot?modelId={m1}&modelId={m2}"));
        await writes;
        snapshots.Count.ShouldBeGreaterThan(1, "no snapshot raced the writes");
        snapshots.Select(s => s.Position).Distinct().Count().ShouldBeGreaterThan(1, "every snapshot was taken at one position, so none raced a write");

        var instants = new[] { TimeSpan.Zero, TimeSpan.FromMinutes(61), TimeSpan.FromHours(2.5), TimeSpan.FromHours(4) }
            .Select(offset => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds()) + offset).ToList();
        foreach (var snapshot in snapshots)
        {
            var cells = snapshot.Cells;
            foreach (var change in await new FeedClient(app.Subscriber).All(snapshot.Position))
            {
                if (change.Type != FeedEnvelopes.AccessChangedType)
                    continue;
                var data = FeedClient.Data(change);
                if (!models.Contains(data.GetProperty("modelId").GetString()))
                    continue;
                var key = Key(data);
                var schedule = data.GetProperty("schedule").Deserialize<ScheduledState[]>(LedgerJson.Options)!;
                cells[key] = cells.TryGetValue(key, out var held) ? held.Apply(data.GetProperty("changedFrom").GetDateTimeOffset(), schedule) : new FollowedCell(schedule);
            }

            foreach (var at in instants)
            foreach (var model in models)
            foreach (var cell in await Matrix(model, at))
            {
                if (!rows.Contains(cell.GetProperty("organizationId").GetString()))
                    continue;
                var held = cells[Key(cell)].At(at).ShouldNotBeNull($"{Key(cell)} has no state at {at} from the snapshot at {snapshot.Position}");
                Wire(held.Access).ShouldBe(cell.GetProperty("access").GetString(), $"{Key(cell)} at {at}, from the snapshot at {snapshot.Position}");
                Wire(held.Legal).ShouldBe(cell.GetProperty("legal").GetString(), $"{Key(cell)} at {at}, from the snapshot at {snapshot.Position}");
                Wire(held.Provider).ShouldBe(cell.GetProperty("provider").GetString(), $"{Key(cell)} at {at}, from the snapshot at {snapshot.Position}");
            }
        }
    }

    [Fact]
    public async Task a_snapshot_at_an_earlier_position_is_the_matrix_as_known_there_and_holds_only_the_filtered_cells()
    {
        var (model, organization) = (given.Id("snap-past-m"), given.Id("snap-past-o"));
        await given.Model(model);
        await given.Organization(organization);
        var before = await given.Suspension(given.Id("s"), model, Given.In(TimeSpan.FromHours(-1)), organization);
        await given.Restoration(given.Id("r"), model, Given.In(TimeSpan.FromMinutes(-30)), organization);

        var snapshot = await Take($"/api/feed/snapshot?position={before}&modelId={model}&organizationId={organization}&organizationId=*");
        snapshot.Position.ShouldBe(before);
        snapshot.Cells.Keys.Order().ShouldBe(new[] { $"{model}/*/foreign-person", $"{model}/*/us-person", $"{model}/{organization}/foreign-person", $"{model}/{organization}/us-person" }.Order());
        Wire(snapshot.Cells[$"{model}/{organization}/us-person"].At(snapshot.At)!.Provider).ShouldBe("suspended");

        var head = await Take($"/api/feed/snapshot?modelId={model}&organizationId={organization}");
        head.Cells.Keys.ShouldAllBe(key => key.StartsWith($"{model}/{organization}/"));
        Wire(head.Cells[$"{model}/{organization}/us-person"].At(head.At)!.Provider).ShouldNotBe("suspended");
    }

    [Theory]
    [InlineData("position=-1", 400, "invalid-position")]
    [InlineData("position=999999999999", 400, "invalid-position")]
    [InlineData("position=later", 400, "invalid-position")]
    [InlineData("modelId=no-such-model", 404, "model-not-found")]
    [InlineData("organizationId=no-such-organisation", 404, "organization-not-found")]
    public async Task bad_input_is_refused_with_the_rule_it_breaks(string query, int status, string rule)
    {
        using var response = await app.Subscriber.GetAsync($"/api/feed/snapshot?{query}");
        ((int)response.StatusCode).ShouldBe(status);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString().ShouldBe(rule);
    }

    [Fact]
    public async Task a_filter_longer_than_a_hundred_is_refused_and_a_writer_may_not_read_it()
    {
        var model = given.Id("snap-many");
        await given.Model(model);
        using var tooMany = await app.Subscriber.GetAsync("/api/feed/snapshot?" + string.Join("&", Enumerable.Repeat($"modelId={model}", 101)));
        ((int)tooMany.StatusCode).ShouldBe(400);
        JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString().ShouldBe("filter-too-long");

        using var hundred = await app.Subscriber.GetAsync("/api/feed/snapshot?" + string.Join("&", Enumerable.Repeat($"modelId={model}", 100)));
        ((int)hundred.StatusCode).ShouldBe(200);

        using var writer = await app.Writer.GetAsync("/api/feed/snapshot");
        ((int)writer.StatusCode).ShouldBe(403);
    }

    private async Task<Snapshot> Take(string path)
    {
        using var response = await app.Subscriber.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        var json = JsonDocument.Parse(text).RootElement;
        var cells = json.GetProperty("cells").EnumerateArray().ToDictionary(Key,
            c => new FollowedCell(c.GetProperty("schedule").Deserialize<ScheduledState[]>(LedgerJson.Options)!));
        json.GetProperty("count").GetInt32().ShouldBe(cells.Count);
        return new Snapshot(json.GetProperty("position").GetInt64(), json.GetProperty("at").GetDateTimeOffset(), cells);
    }

    private async Task<IReadOnlyList<JsonElement>> Matrix(string model, DateTimeOffset at)
    {
        using var response = await app.Writer.GetAsync($"/api/access-matrix?modelId={model}&asOf={at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("cells").EnumerateArray().ToList();
    }

    private static string Key(JsonElement cell) =>
        $"{cell.GetProperty("modelId").GetString()}/{cell.GetProperty("organizationId").GetString()}/{cell.GetProperty("personClass").GetString()}";

    private static string Wire<T>(T value) => JsonSerializer.Serialize(value, LedgerJson.Options).Trim('"');
}
