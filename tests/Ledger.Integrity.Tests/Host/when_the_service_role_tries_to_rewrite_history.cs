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
    [InlineData("truncate ledger.mt_events")]
    [InlineData("truncate ledger.merkle_leaves")]
    [InlineData("truncate ledger.checkpoints")]
    [InlineData("truncate ledger.mt_streams cascade")]
    [InlineData("update ledger.feed_events set envelope = envelope")]
    [InlineData("delete from ledger.feed_events")]
    [InlineData("truncate ledger.feed_events")]
    [InlineData("alter table ledger.mt_events disable trigger ledger_append_only")]
    [InlineData("alter table ledger.merkle_leaves disable trigger all")]
    [InlineData("drop trigger ledger_no_truncate on ledger.checkpoints")]
    [InlineData("create or replace function ledger.ledger_refuse_rewrite() returns trigger language plpgsql as $$ begin return new; end $$")]
    [InlineData("create or replace function ledger.merkle_leaf_hash(e ledger.mt_events) returns bytea language sql as $$ select e.id::text::bytea $$")]
    [InlineData("create table ledger.scratch (id int)")]
    [InlineData("drop table ledger.checkpoints")]
    [InlineData("create schema elsewhere")]
    public async Task the_service_role_is_refused(string sql)
    {
        var refused = await Should.ThrowAsync<PostgresException>(() => IntegrityDatabase.Execute(IntegrityDatabase.Ledger, sql));
        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await _host.Verify()).Ok.ShouldBeTrue();
    }

    [Theory]
    [InlineData("grant update, delete, truncate on ledger.mt_events, ledger.merkle_leaves, ledger.checkpoints to public")]
    [InlineData("grant all on schema ledger to public")]
    public async Task the_service_role_grants_nothing(string sql)
    {
        // PostgreSQL refuses a grant outright only on objects the role holds no privilege on; elsewhere it warns and grants nothing.
        try
        {
            await IntegrityDatabase.Execute(IntegrityDatabase.Ledger, sql);
        }
        catch (PostgresException refused)
        {
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        (await IntegrityDatabase.Scalar<bool>(IntegrityDatabase.Ledger, """
            select has_table_privilege('public', 'ledger.mt_events', 'update') or has_table_privilege('public', 'ledger.checkpoints', 'truncate')
                or has_table_privilege(current_user, 'ledger.merkle_leaves', 'delete') or has_schema_privilege(current_user, 'ledger', 'create')
            """)).ShouldBeFalse();
    }

    [Fact]
    public async Task a_service_on_a_schema_db_apply_never_made_refuses_to_start_and_creates_nothing()
    {
        await Should.ThrowAsync<Exception>(() => LedgerHost.Start(reset: false, schema: "never_applied"));
        (await IntegrityDatabase.Scalar<bool>(IntegrityDatabase.Ledger, "select to_regnamespace('never_applied') is null")).ShouldBeTrue();
    }

    [Fact]
    public async Task the_service_role_owns_nothing()
    {
        (await IntegrityDatabase.Scalar<long>(IntegrityDatabase.Ledger, """
            select (select count(*) from pg_class where relowner = current_user::regrole)
                 + (select count(*) from pg_proc where proowner = current_user::regrole)
                 + (select count(*) from pg_namespace where nspowner = current_user::regrole)
            """)).ShouldBe(0);
    }

    [Theory]
    [InlineData("truncate ledger.mt_events")]
    [InlineData("truncate ledger.merkle_leaves")]
    [InlineData("truncate ledger.checkpoints")]
    [InlineData("truncate ledger.mt_streams cascade")]
    public async Task truncation_is_refused_to_the_owner_and_to_a_superuser_alike(string sql)
    {
        foreach (var role in new[] { IntegrityDatabase.Owner, IntegrityDatabase.Superuser })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => IntegrityDatabase.Execute(role, sql));
            refused.MessageText.ShouldContain("the ledger is append-only: TRUNCATE");
        }

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
