using Ledger.Api.Ledger;
using Npgsql;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Api.Integrity.Replaying;
using Ledger.Integrity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Integrity.Tests.Host;

[Collection(HostCollection.Name)]
public sealed class when_the_log_is_replayed
{
    public static TheoryData<long?, string> Cuts => new()
    {
        { 5, "2026-06-12T20:00:00Z" },
        { 12, "2026-06-27T12:00:00Z" },
        { 16, "2026-06-27T12:00:00Z" },
        { null, "2026-06-27T12:00:00Z" },
        { null, "2026-07-02T00:00:00Z" },
    };

    [Fact]
    public async Task a_rebuild_into_scratch_equals_the_live_read_models_at_every_cut_and_a_rewritten_fact_shows_as_a_difference()
    {
        await using var host = await LedgerHost.Start();
        await host.Record();
        // ledger-replay builds its scratch schema, so it runs as the owner, as the command does.
        await using var owner = NpgsqlDataSource.Create(IntegrityDatabase.Owner);
        var replay = new LedgerReplay(owner, LedgerSchema.Default);
        foreach (var (position, asOf) in Cuts.Select(row => ((long?)row[0], (string)row[1])))
        {
            var result = await replay.Run(new ReplayCut(position, null, DateTimeOffset.Parse(asOf)), Live(host), CancellationToken.None);
            result.Differences.ShouldBeEmpty($"position {position}, asOf {asOf}");
            result.IntervalDifferences.ShouldBeEmpty($"position {position}: {string.Join("; ", result.IntervalDifferences)}");
            result.Cells.ShouldBeGreaterThan(0);
            result.IntervalRows.ShouldBeGreaterThan(0);
            (await IntegrityDatabase.Scalar<long>(IntegrityDatabase.Owner, "select count(*) from ledger_replay.access_matrix")).ShouldBe(result.Cells);
        }

        // The live service folded the easing when it was recorded; a superuser now rewrites it in the database to
        // release fable-5 as well. The rebuild reads what the table holds now, so the two disagree.
        await IntegrityDatabase.Execute(IntegrityDatabase.Superuser, """
            set session_replication_role = replica;
            update ledger.mt_events set data = jsonb_set(data, '{models}', '["mythos-5", "fable-5"]') where type = 'easing-granted.v1';
            """);
        var tampered = await replay.Run(new ReplayCut(null, null, DateTimeOffset.Parse("2026-06-27T12:00:00Z")), Live(host), CancellationToken.None);
        tampered.Equal.ShouldBeFalse();
        tampered.Differences.ShouldNotBeEmpty();
        tampered.Differences.ShouldAllBe(d => d.Cell.StartsWith("fable-5"));
        tampered.IntervalDifferences.ShouldNotBeEmpty();
        tampered.IntervalDifferences.ShouldAllBe(d => d.Contains("\"model_id\":\"fable-5\""));
        (await host.Verify()).Ok.ShouldBeFalse();
    }

    private static Func<long, DateTimeOffset, CancellationToken, Task<JsonNode>> Live(IAlbaHost host) =>
        async (position, asOf, ct) =>
        {
            using var client = host.Client();
            return (await client.GetFromJsonAsync<JsonNode>($"/api/access-matrix?position={position}&asOf={Ledger.Integrity.Leaves.LeafRecord.FormatTime(asOf)}", ct))!;
        };
}
