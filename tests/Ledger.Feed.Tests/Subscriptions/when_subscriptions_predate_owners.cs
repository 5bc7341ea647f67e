using Ledger.Api.Ledger;
using Ledger.Api.Feed.Subscriptions;
using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Feed.Tests.Subscriptions;

/// <summary>
/// A database whose subscriptions are in the version 1 tables (keyed by id alone, one namespace for every subscriber;
/// the oldest without owners at all) is moved to version 2 by db-apply: Marten makes the new tables, then the owner's
/// script (<see cref="SubscriptionSchema.FromOneNamespace"/>) copies the rows and their delivery logs and drops the old
/// tables. A row without an owner is visible to an auditor (every subscription) but to no subscriber.
/// </summary>
public sealed class when_subscriptions_predate_owners : IAsyncLifetime
{
    private readonly string _schema = $"feed_own_{Guid.NewGuid():N}"[..20];
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(TestRoles.Owner);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Run($"drop schema if exists {_schema} cascade");
        await _dataSource.DisposeAsync();
    }

    private async Task Run(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Applies the schema objects <paramref name="configure"/> declares, as db-apply does, as the owner.</summary>
    private async Task Migrate(Action<StoreOptions> configure)
    {
        var options = new StoreOptions { DatabaseSchemaName = _schema };
        options.Connection(TestRoles.Owner);
        configure(options);
        using var store = new DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    /// <summary>db-apply of this build: Marten's tables, then the owner's script, twice (it must be idempotent).</summary>
    private async Task Apply()
    {
        var schema = new LedgerSchema(_schema);
        for (var i = 0; i < 2; i++)
        {
            await Migrate(options => SubscriptionSchema.Configure(options, schema));
            await Run(SubscriptionSchema.FromOneNamespace(schema));
        }
    }

    /// <summary>The version 1 tables, as the feed branch first declared them (<paramref name="owners"/>: as later, with an owner column).</summary>
    private Action<StoreOptions> VersionOne(bool owners) => options =>
    {
        var subscriptions = new Table(new PostgresqlObjectName(_schema, "webhook_subscriptions", SchemaUtils.IdentifierUsage.General));
        subscriptions.AddColumn("id", "text").AsPrimaryKey();
        subscriptions.AddColumn("url", "text").NotNull();
        subscriptions.AddColumn("event_types", "text[]").NotNull();
        subscriptions.AddColumn("secret", "text").NotNull();
        subscriptions.AddColumn("created_at", "timestamp with time zone").NotNull();
        subscriptions.AddColumn<long>("cursor_position").NotNull();
        subscriptions.AddColumn<int>("cursor_index").NotNull();
        if (owners)
        {
            subscriptions.AddColumn("owner", "text");
            subscriptions.AddColumn<long>("replay_through");
        }

        options.Storage.ExtendedSchemaObjects.Add(subscriptions);
        var deliveries = new Table(new PostgresqlObjectName(_schema, "webhook_deliveries", SchemaUtils.IdentifierUsage.General));
        deliveries.AddColumn("subscription_id", "text").AsPrimaryKey();
        deliveries.AddColumn<long>("position").AsPrimaryKey();
        deliveries.AddColumn<int>("idx").AsPrimaryKey();
        foreach (var text in new[] { "message_id", "event_id", "event_type", "status" })
            deliveries.AddColumn(text, "text").NotNull();
        deliveries.AddColumn<int>("attempts").NotNull();
        deliveries.AddColumn<int>("last_status_code");
        deliveries.AddColumn("last_error", "text");
        foreach (var time in new[] { "last_attempt_at", "next_attempt_at", "delivered_at" })
            deliveries.AddColumn(time, "timestamp with time zone");
        options.Storage.ExtendedSchemaObjects.Add(deliveries);
    };

    private SubscriptionStore Store() =>
        new(_dataSource, new LedgerSchema(_schema), new WebhookSecrets(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public async Task subscriptions_without_owners_are_kept_for_auditors_only()
    {
        await Migrate(VersionOne(owners: false));
        await Run($"insert into {_schema}.webhook_subscriptions values ('old-hook', 'http://127.0.0.1:9/old', '{{*}}', 'whsec_x', now(), 7, 2147483647)");

        await Apply();

        var store = Store();
        var kept = (await store.Find(new SubscriptionKey(SubscriptionSchema.NoOwner, "old-hook"), CancellationToken.None)).ShouldNotBeNull();
        (kept.Owner, kept.CursorPosition, kept.Url).ShouldBe((null, 7L, "http://127.0.0.1:9/old"));
        (await store.All(CancellationToken.None)).Select(s => s.Id).ShouldBe(["old-hook"], "the delivery workers still see it");
        (await store.All(SubscriptionScope.Everyone, CancellationToken.None)).Select(s => s.Id).ShouldBe(["old-hook"]);

        var alice = SubscriptionScope.OwnedBy("alice");
        (await store.All(alice, CancellationToken.None)).ShouldBeEmpty();
        (await store.Find("old-hook", alice, CancellationToken.None)).ShouldBeEmpty();
        (await store.Rewind("old-hook", alice, 1, 7, 1, CancellationToken.None)).ShouldBe(SubscriptionStore.Change.NotFound);
        (await store.Remove("old-hook", alice, CancellationToken.None)).ShouldBeFalse();

        (await store.Add(new Subscription("old-hook", "http://127.0.0.1:9/new", ["*"], "whsec_y", DateTimeOffset.UtcNow, 0, int.MaxValue, "alice"),
            10, CancellationToken.None)).ShouldBe(SubscriptionStore.Change.Done, "alice's ids are her own");
        (await store.All(alice, CancellationToken.None)).Select(s => s.Url).ShouldBe(["http://127.0.0.1:9/new"]);
        (await store.Find("old-hook", SubscriptionScope.Everyone, CancellationToken.None)).Select(s => s.Owner).ShouldBe([null, "alice"]);

        // Issue 14, item 5: its secret, stored in clear, is read as it is, then sealed in place, and reads the same.
        store.Reveal(kept).ShouldBe("whsec_x");
        (await store.ProtectPlaintextSecrets(CancellationToken.None)).ShouldBe(1);
        var sealedOld = (await store.Find(kept.Key, CancellationToken.None)).ShouldNotBeNull();
        sealedOld.Secret.ShouldStartWith("v1.");
        store.Reveal(sealedOld).ShouldBe("whsec_x");
        (await store.ProtectPlaintextSecrets(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task owned_subscriptions_move_with_their_delivery_logs_and_the_old_tables_go()
    {
        await Migrate(VersionOne(owners: true));
        await Run($"""
            insert into {_schema}.webhook_subscriptions values ('bob-hook', 'http://127.0.0.1:9/bob', '{"{*}"}', 'whsec_b', now(), 4, 0, 'bob', 9);
            insert into {_schema}.webhook_deliveries values ('bob-hook', 4, 0, 'msg_4_0', 'e-4', 'ledger.model-registered.v1', 'delivered', 1, 204, null, now(), null, now());
            insert into {_schema}.webhook_deliveries values ('bob-hook', 5, 0, 'msg_5_0', 'e-5', 'ledger.model-registered.v1', 'pending', 2, 500, 'http-status', now(), now(), null);
            """);

        await Apply();

        var store = Store();
        var bob = (await store.Find("bob-hook", SubscriptionScope.OwnedBy("bob"), CancellationToken.None)).ShouldHaveSingleItem();
        (bob.CursorPosition, bob.CursorIndex, bob.ReplayThrough).ShouldBe((4L, 0, 9L));
        (await store.Log(bob.Key, null, 0, 0, 10, CancellationToken.None)).Select(d => (d.Position, d.Status))
            .ShouldBe([(4L, SubscriptionStore.Delivered), (5L, SubscriptionStore.Pending)]);
        await using var left = _dataSource.CreateCommand(
            $"select count(*) from pg_tables where schemaname = '{_schema}' and tablename in ('webhook_subscriptions', 'webhook_deliveries')");
        ((long)(await left.ExecuteScalarAsync())!).ShouldBe(0L);
    }
}
