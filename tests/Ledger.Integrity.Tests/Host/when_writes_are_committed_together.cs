using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Integrity.Tests.Support;

namespace Ledger.Integrity.Tests.Host;

[Collection(HostCollection.Name)]
public sealed class when_writes_are_committed_together
{
    [Fact]
    public async Task every_fact_of_a_group_is_sealed_in_order()
    {
        await using var host = await LedgerHost.Start();
        await host.Record();
        using var client = host.Client();
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            client.PostAsJsonAsync("/api/models", new JsonObject { ["modelId"] = $"together-{i}", ["name"] = $"Together {i}" })));
        responses.ShouldAllBe(r => (int)r.StatusCode == 201);

        (await host.Verify()).ShouldBe(new Ledger.Api.Integrity.VerificationReport(true, 81, 81, null, null));
        (await IntegrityDatabase.Scalar<long>(IntegrityDatabase.Ledger,
            "select count(distinct xmin::text) from ledger.mt_events where stream_id like 'together-%'")).ShouldBeLessThan(60,
            "the writes should have shared transactions, or this test proves nothing about groups");
    }
}
