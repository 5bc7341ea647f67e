using Alba;
using Ledger.Integrity.Tests.Support;
using Npgsql;

namespace Ledger.Integrity.Tests.Host;

public sealed class ReferenceLedger : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LedgerHost.Start();
        await Host.Record();
        await Host.Get("/api/ledger/checkpoint");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[Collection(HostCollection.Name)]
public sealed class when_the_service_role_tries_to_rewrite_history(ReferenceLedger ledger) : IClassFixture<ReferenceLedger>
{
    private readonly IAlbaHost _host = ledger.Host;

    [Theory]
    [InlineData("update ledger.mt_events set data = data where seq_id = 1")]
    [InlineData("delete from ledger.mt_events where seq_id = 1")]
    [InlineData("update ledger.merkle_leaves set leaf_hash = leaf_hash where leaf_index = 0")]
    [InlineData("delete from ledger.merkle_leaves where leaf_index = 0")]
    [InlineData("delete from ledger.checkpoints")]
    [InlineData("delete from ledger.mt_streams where id = 'fable-5'")]
    public async Task the_service_role_is_refused(string sql)
    {
        var refused = await Should.ThrowAsync<PostgresException>(() => IntegrityDatabase.Execute(IntegrityDatabase.Ledger, sql));
        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await _host.Verify()).Ok.ShouldBeTrue();
    }

    [Theory]
    [InlineData("update ledger.mt_events set data = data where seq_id = 1")]
    [InlineData("delete from ledger.merkle_leaves where leaf_index = 0")]
    public async Task even_a_superuser_must_first_switch_the_trigger_off(string sql)
    {
        var refused = await Should.ThrowAsync<PostgresException>(() => IntegrityDatabase.Execute(IntegrityDatabase.Superuser, sql));
        refused.MessageText.ShouldContain("the ledger is append-only");
    }

    [Fact]
    public async Task appends_still_work_and_streams_still_advance()
    {
        await _host.Post("/api/models", new() { ["modelId"] = "appended-after-guard", ["name"] = "Appended" });
        (await IntegrityDatabase.Scalar<long>(IntegrityDatabase.Ledger, "select version from ledger.mt_streams where id = 'appended-after-guard'"))
            .ShouldBe(1);
        (await _host.Verify()).Ok.ShouldBeTrue();
    }
}
