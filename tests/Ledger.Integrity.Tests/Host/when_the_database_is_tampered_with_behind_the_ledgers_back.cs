using Alba;
using Ledger.Api.Integrity;
using Ledger.Integrity.Tests.Support;
using Npgsql;

namespace Ledger.Integrity.Tests.Host;

/// <summary>
/// Tamper trials: a superuser (the only one who can, with triggers switched off) changes rows at random
/// positions; verification must name exactly the first position that differs. After each trial the tamperer
/// puts everything back, and verification must pass again: the detection is precise, not a lingering alarm.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class when_the_database_is_tampered_with_behind_the_ledgers_back(TamperedLedger ledger) : IClassFixture<TamperedLedger>
{
    public const int Facts = 61;

    /// <summary>The leaf/v2 hash PostgreSQL seals a row with: what a tamperer who rewrites a leaf writes.</summary>
    private const string LeafHash = "ledger.merkle_leaf_hash_v2(e, ledger.merkle_commitments(e)::text, ledger.merkle_committed_data(e)::text)";
    private readonly IAlbaHost _host = ledger.Host;

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task an_updated_payload_is_found_at_its_position(int seed)
    {
        var position = new Random(seed).Next(1, Facts + 1);
        await Tamper($"update ledger.mt_events set data = data || '{{\"forged\": true}}' where seq_id = {position}");
        await ShouldFind(position, "was changed after it was recorded");
        await Tamper($"update ledger.mt_events set data = data - 'forged' where seq_id = {position}");
        await ShouldBeIntact();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task an_updated_timestamp_is_found_at_its_position(int seed)
    {
        var position = new Random(seed * 31).Next(1, Facts + 1);
        await Tamper($"update ledger.mt_events set timestamp = timestamp - interval '1 microsecond' where seq_id = {position}");
        await ShouldFind(position, "was changed after it was recorded");
        await Tamper($"update ledger.mt_events set timestamp = timestamp + interval '1 microsecond' where seq_id = {position}");
        await ShouldBeIntact();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task a_deleted_event_is_found_at_its_position(int seed)
    {
        var position = new Random(seed * 7).Next(1, Facts + 1);
        await Tamper($"""
            create table public.deleted_event as select * from ledger.mt_events where seq_id = {position};
            delete from ledger.mt_events where seq_id = {position};
            """);
        await ShouldFind(position, "was deleted");
        await Tamper("insert into ledger.mt_events select * from public.deleted_event; drop table public.deleted_event;");
        await ShouldBeIntact();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Facts + 1)]
    [InlineData(Facts + 50)]
    public async Task an_inserted_event_is_found_at_its_position(int position)
    {
        await Tamper($$"""
            insert into ledger.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
                values ('forged-model', null, 1, now(), now(), '*DEFAULT*', false);
            insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type)
                select {{position}}, gen_random_uuid(), 'forged-model', 1, '{"name": "Forged", "modelId": "forged-model"}',
                       'model-registered.v1', now(), '*DEFAULT*', mt_dotnet_type
                from ledger.mt_events where seq_id = 1;
            """);
        await ShouldFind(position, "inserted behind its back");
        await Tamper($"delete from ledger.mt_events where seq_id = {position}; delete from ledger.mt_streams where id = 'forged-model';");
        await ShouldBeIntact();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task two_events_swapped_are_found_at_the_first(int seed)
    {
        var random = new Random(seed * 13);
        var a = random.Next(1, Facts);
        var b = random.Next(a + 1, Facts + 1);
        var swap = $"""
            update ledger.mt_events set seq_id = -1 where seq_id = {a};
            update ledger.mt_events set seq_id = {a} where seq_id = {b};
            update ledger.mt_events set seq_id = {b} where seq_id = -1;
            """;
        await Tamper(swap);
        await ShouldFind(a, "was changed after it was recorded");
        await Tamper(swap);
        await ShouldBeIntact();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task an_event_rewritten_with_its_leaf_is_caught_by_the_signed_checkpoint(int seed)
    {
        var position = new Random(seed * 17).Next(1, Facts + 1);
        await Tamper($$"""
            update ledger.mt_events set data = data || '{"forged": true}' where seq_id = {{position}};
            update ledger.merkle_leaves l set leaf_hash = {{LeafHash}} from ledger.mt_events e
                where e.seq_id = l.seq_id and l.seq_id = {{position}};
            """);
        var report = await _host.Verify();
        report.Ok.ShouldBeFalse();
        report.FirstBadPosition.ShouldNotBeNull();
        report.FirstBadPosition.Value.ShouldBeLessThanOrEqualTo(position);
        report.Problem!.ShouldContain("the root the ledger signed");
        await Tamper($"""
            update ledger.mt_events set data = data - 'forged' where seq_id = {position};
            update ledger.merkle_leaves l set leaf_hash = {LeafHash} from ledger.mt_events e
                where e.seq_id = l.seq_id and l.seq_id = {position};
            """);
        await ShouldBeIntact();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task a_second_change_is_not_hidden_behind_the_first(int seed)
    {
        var random = new Random(seed * 19);
        var first = random.Next(1, Facts);
        var second = random.Next(first + 1, Facts + 1);
        await Tamper($$"""
            update ledger.mt_events set data = data || '{"forged": true}' where seq_id = {{first}};
            delete from ledger.merkle_leaves where seq_id = {{second}};
            """);
        var report = await _host.Verify();
        report.Ok.ShouldBeFalse();
        report.FirstBadPosition.ShouldBe(first, report.Problem);
        report.Problem!.ShouldContain("was changed after it was recorded");
        report.BadPositions.ShouldContain(first);
        report.BadPositions.ShouldContain(second);
        report.BadCount.ShouldBe(report.BadPositions.Count);
        await Tamper($"""
            update ledger.mt_events set data = data - 'forged' where seq_id = {first};
            insert into ledger.merkle_leaves (leaf_index, seq_id, leaf_hash, leaf_version)
                select {second} - 1, seq_id, {LeafHash}, 2 from ledger.mt_events e where seq_id = {second};
            """);
        await ShouldBeIntact();
    }

    [Fact]
    public async Task every_changed_row_is_counted_and_the_first_hundred_are_listed()
    {
        await Tamper($"update ledger.mt_events set data = data || '{{\"forged\": true}}' where seq_id % 2 = 0");
        var report = await _host.Verify();
        report.BadCount.ShouldBe(Facts / 2);
        report.BadPositions.ShouldBe(Enumerable.Range(1, Facts / 2).Select(i => 2L * i).ToList());
        report.FirstBadPosition.ShouldBe(2);
        report.Checked.ShouldBe(Facts);
        await Tamper("update ledger.mt_events set data = data - 'forged' where seq_id % 2 = 0");
        await ShouldBeIntact();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task a_changed_feed_envelope_is_found_at_its_position(int seed)
    {
        var position = new Random(seed * 23).Next(1, Facts + 1);
        await Tamper($"update ledger.feed_events set envelope = replace(envelope, '\"ledger.', '\"forged.') where position = {position}");
        await ShouldFind(position, "not the ones its fact implies");
        await Tamper($"update ledger.feed_events set envelope = replace(envelope, '\"forged.', '\"ledger.') where position = {position}");
        await ShouldBeIntact();
    }

    [Fact]
    public async Task a_feed_envelope_without_a_fact_is_found()
    {
        await Tamper($"insert into ledger.feed_events select position + 1000, idx, id, type, subject, time, envelope from ledger.feed_events where position = 1");
        await ShouldFind(1001, "where the ledger holds no fact");
        await Tamper("delete from ledger.feed_events where position = 1001");
        await ShouldBeIntact();
    }

    [Fact]
    public async Task a_forged_checkpoint_is_found()
    {
        await Tamper("update ledger.checkpoints set note = replace(note, 'directive-ledger', 'Directive-ledger') where tree_size = (select max(tree_size) from ledger.checkpoints)");
        var report = await _host.Verify();
        report.Ok.ShouldBeFalse();
        report.Problem!.ShouldContain("not one the ledger signed");
        await Tamper("update ledger.checkpoints set note = replace(note, 'Directive-ledger', 'directive-ledger') where tree_size = (select max(tree_size) from ledger.checkpoints)");
        await ShouldBeIntact();
    }

    /// <summary>As a superuser, with triggers (the append-only guard among them) switched off for the session.</summary>
    private static Task Tamper(string sql) =>
        IntegrityDatabase.Execute(IntegrityDatabase.Superuser, $"set session_replication_role = replica; {sql}");

    private async Task ShouldFind(long position, string problem)
    {
        var report = await _host.Verify();
        report.Ok.ShouldBeFalse();
        report.FirstBadPosition.ShouldBe(position, report.Problem);
        report.Problem!.ShouldContain(problem);
        report.TreeSize.ShouldBe(Facts);
    }

    private async Task ShouldBeIntact() => (await _host.Verify()).ShouldBe(new VerificationReport(true, Facts, Facts, null, null));

}

/// <summary>The reference scenario and 40 more models, with checkpoints signed along the way: the ledger every trial tampers with.</summary>
public sealed class TamperedLedger : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LedgerHost.Start();
        await Host.Record(models: 20);
        await Host.Get("/api/ledger/checkpoint");
        await Host.AddModels(when_the_database_is_tampered_with_behind_the_ledgers_back.Facts - 41);
        await Host.Get("/api/ledger/checkpoint");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
