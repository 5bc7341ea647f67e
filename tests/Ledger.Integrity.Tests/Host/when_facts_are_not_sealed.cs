using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Integrity;
using Ledger.Integrity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Integrity.Tests.Host;

[Collection(HostCollection.Name)]
public sealed class when_facts_are_not_sealed
{
    [Fact]
    public async Task facts_recorded_with_sealing_off_are_reported_then_adopted_once_by_a_ledger_that_never_sealed()
    {
        await using (var unsealed = await LedgerHost.Start(sealing: false))
        {
            await unsealed.Record();
            var report = await unsealed.Verify();
            report.Ok.ShouldBeFalse();
            report.FirstBadPosition.ShouldBe(1);
            report.Problem!.ShouldContain("has no Merkle leaf");
        }

        await using var sealing = await LedgerHost.Start(reset: false);
        (await sealing.Verify()).ShouldBe(new Ledger.Api.Integrity.VerificationReport(true, 21, 21, null, null));
        await sealing.AddModels(2);
        (await sealing.Verify()).ShouldBe(new Ledger.Api.Integrity.VerificationReport(true, 23, 23, null, null));
    }

    [Fact]
    public async Task a_row_inserted_behind_the_ledgers_back_closes_it_for_writes_until_an_operator_seals_it()
    {
        await using var host = await LedgerHost.Start();
        await host.Record();
        await IntegrityDatabase.Execute(IntegrityDatabase.Superuser, """
            set session_replication_role = replica;
            insert into ledger.mt_streams (id, version, timestamp, created, tenant_id, is_archived)
                values ('forged-model', 1, now(), now(), '*DEFAULT*', false);
            insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id)
                values (nextval('ledger.mt_events_sequence'), gen_random_uuid(), 'forged-model', 1,
                        '{"name": "Forged", "modelId": "forged-model"}', 'model-registered.v1', now(), '*DEFAULT*');
            """);

        using var client = host.Client();
        using var response = await client.PostAsJsonAsync("/api/models", new JsonObject { ["modelId"] = "honest-model", ["name"] = "Honest" });
        ((int)response.StatusCode).ShouldBe(503);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ledger-integrity-broken");
        (await IntegrityDatabase.Scalar<long>(IntegrityDatabase.Ledger, "select count(*) from ledger.mt_events")).ShouldBe(22);
        (await host.Verify()).FirstBadPosition.ShouldBe(22);

        // The operator looks, decides to vouch for the row (ledger-seal --confirm), and the ledger takes writes again.
        (await host.Services.GetRequiredService<IntegrityStartup>().SealUnsealed(onlyAnEmptyTree: false, CancellationToken.None)).ShouldBe(1);
        (await host.Verify()).ShouldBe(new Ledger.Api.Integrity.VerificationReport(true, 22, 22, null, null));
        await host.AddModels(1);
        (await host.Verify()).Ok.ShouldBeTrue();
    }
}
