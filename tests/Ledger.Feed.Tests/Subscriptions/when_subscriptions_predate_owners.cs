using Ledger.Api.Ledger;
using Ledger.Api.Feed.Subscriptions;
using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Feed.Tests.Subscriptions;

/// <summary>
/// A database whose subscription table was made before subscriptions had owners is migrated by the service's own
/// start-up step (Marten applying <see cref="SubscriptionSchema"/>): the column is added, the rows are kept with no
/// owner, and such a row is visible to an auditor (every subscription) but to no subscriber.
/// </summary>
public sealed class when_subscriptions_predate_owners : IAsyncLifetime
{
    private readonly string _schema = $"feed_own_{Guid.NewGuid():N}"[..20];
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(TestRoles.Owner);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using (var command = _dataSource.CreateCommand($"drop schema if exists {_schema} cascade"))
            await command.ExecuteNonQueryAsync();
        await _dataSource.DisposeAsync();
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

    /// <summary>The subscription table as the feed branch first declared it, without an owner.</summary>
    private void BeforeOwners(StoreOptions options)
    {
        var subscriptions = new Table(new PostgresqlObjectName(_schema, SubscriptionSchema.Subscriptions, SchemaUtils.IdentifierUsage.General));
        subscriptions.AddColumn("id", "text").AsPrimaryKey();
        subscriptions.AddColumn("url", "text").NotNull();
        subscriptions.AddColumn("event_types", "text[]").NotNull();
        subscriptions.AddColumn("secret", "text").NotNull();
        subscriptions.AddColumn("created_at", "timestamp with time zone").NotNull();
        subscriptions.AddColumn<long>("cursor_position").NotNull();
        subscriptions.AddColumn<int>("cursor_index").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(subscriptions);
    }

    [Fact]
    public async Task the_owner_column_is_added_and_old_subscriptions_are_kept_for_auditors_only()
    {
        await Migrate(BeforeOwners);
        await using (var old = _dataSource.CreateCommand(
                         $"insert into {_schema}.{SubscriptionSchema.Subscriptions} values ('old-hook', 'http://127.0.0.1:9/old', '{{*}}', 'whsec_x', now(), 7, 2147483647)"))
            await old.ExecuteNonQueryAsync();

        await Migrate(options => SubscriptionSchema.Configure(options, new LedgerSchema(_schema)));
        await Migrate(options => SubscriptionSchema.Configure(options, new LedgerSchema(_schema)));

        var store = new SubscriptionStore(_dataSource, new LedgerSchema(_schema), new WebhookSecrets(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var kept = (await store.Find("old-hook", CancellationToken.None)).ShouldNotBeNull();
        (kept.Owner, kept.CursorPosition, kept.Url).ShouldBe((null, 7L, "http://127.0.0.1:9/old"));
        (await store.All(CancellationToken.None)).Select(s => s.Id).ShouldBe(["old-hook"], "the delivery workers still see it");
        (await store.All(SubscriptionScope.Everyone, CancellationToken.None)).Select(s => s.Id).ShouldBe(["old-hook"]);

        var alice = SubscriptionScope.OwnedBy("alice");
        (await store.All(alice, CancellationToken.None)).ShouldBeEmpty();
        (await store.Find("old-hook", alice, CancellationToken.None)).ShouldBeNull();
        (await store.Rewind("old-hook", alice, 1, 7, 1, CancellationToken.None)).ShouldBe(SubscriptionStore.Change.NotFound);
        (await store.Remove("old-hook", alice, CancellationToken.None)).ShouldBeFalse();

        (await store.Add(new Subscription("new-hook", "http://127.0.0.1:9/new", ["*"], "whsec_y", DateTimeOffset.UtcNow, 0, int.MaxValue, "alice"),
            10, CancellationToken.None)).ShouldBe(SubscriptionStore.Change.Done);
        (await store.All(alice, CancellationToken.None)).Select(s => s.Id).ShouldBe(["new-hook"]);
        (await store.All(SubscriptionScope.Everyone, CancellationToken.None)).Select(s => s.Id).ShouldBe(["old-hook", "new-hook"]);
        (await store.Find("old-hook", CancellationToken.None)).ShouldNotBeNull();

        // Issue 14, item 5: its secret, stored in clear, is read as it is, then sealed in place, and reads the same.
        store.Reveal(kept).ShouldBe("whsec_x");
        (await store.ProtectPlaintextSecrets(CancellationToken.None)).ShouldBe(1);
        var sealedOld = (await store.Find("old-hook", CancellationToken.None)).ShouldNotBeNull();
        sealedOld.Secret.ShouldStartWith("v1.");
        store.Reveal(sealedOld).ShouldBe("whsec_x");
        (await store.ProtectPlaintextSecrets(CancellationToken.None)).ShouldBe(0);
    }
}
