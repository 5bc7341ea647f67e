using System.Collections.Concurrent;
using Ledger.Api.Feed;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Feed.Recording;
using Ledger.Api.Ledger;
using Ledger.Feed.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Feed.Tests.Reading;

/// <summary>
/// The feed's high-water mark: a position is served only once every lower one is committed or dead, whatever order
/// transactions commit in. The service's own writer serializes appends, so out-of-order commits are made here by
/// writers that follow the same protocol the reader relies on (hold the write lock, here shared, from before the
/// position is allocated until the transaction ends) in a schema of their own.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_writers_commit_out_of_order(LedgerApp app) : IAsyncLifetime
{
    private readonly string _schema = $"feed_hwm_{Guid.NewGuid():N}"[..20];
    // The owner's: these writers make their own tables, which the service's role may not.
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(TestRoles.Owner);

    public async Task InitializeAsync()
    {
        await using var command = _dataSource.CreateCommand(
            $"""
             create schema {_schema};
             create sequence {_schema}.mt_events_sequence;
             create table {_schema}.{FeedSchema.Events} (like ledger.{FeedSchema.Events} including all);
             create table {_schema}.mt_events (like ledger.mt_events);
             """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await using (var command = _dataSource.CreateCommand($"drop schema {_schema} cascade"))
            await command.ExecuteNonQueryAsync();
        await _dataSource.DisposeAsync();
    }

    private FeedReader Reader() => Reader(new LedgerSchema(_schema));

    private FeedReader Reader(LedgerSchema schema)
    {
        var options = new FeedOptions { GapProofTimeout = TimeSpan.FromMilliseconds(200) };
        var log = new LedgerLog(_dataSource, schema);
        var backfill = new FeedBackfill(log, schema, options, NullLogger<FeedBackfill>.Instance);
        return new FeedReader(_dataSource, schema, options, backfill, log, NullLogger<FeedReader>.Instance);
    }

    /// <summary>An open transaction that holds the write lock shared and has allocated and written one position.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Position)> Allocate()
    {
        var connection = await _dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var locking = new NpgsqlCommand($"select pg_advisory_xact_lock_shared({LedgerWriter.WriteLockKey})", connection, transaction))
            await locking.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand(
            $"""
             insert into {_schema}.{FeedSchema.Events} (position, idx, id, type, subject, time, envelope)
             select p, 0, 'e' || p, 'test', 's', now(), 'null' from (select nextval('{_schema}.mt_events_sequence') as p) n
             returning position
             """, connection, transaction);
        var position = (long)(await command.ExecuteScalarAsync())!;
        return (connection, transaction, position);
    }

    private static async Task End((NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Position) write, bool commit)
    {
        if (commit)
            await write.Transaction.CommitAsync();
        else
            await write.Transaction.RollbackAsync();
        await write.Connection.DisposeAsync();
    }

    private static async Task<List<long>> Positions(FeedReader reader, long after) =>
        (await reader.ReadPositions(after, 1000, CancellationToken.None)).Select(p => p.Number).ToList();

    [Fact]
    public async Task a_later_position_that_commits_first_waits_for_the_earlier_one()
    {
        var reader = Reader();
        var first = await Allocate();
        var second = await Allocate();
        await End(second, commit: true);

        (await Positions(reader, 0)).ShouldBeEmpty();

        await End(first, commit: true);
        (await Positions(reader, 0)).ShouldBe([first.Position, second.Position]);
    }

    [Fact]
    public async Task a_rolled_back_position_is_proven_dead_and_skipped_only_then()
    {
        var reader = Reader();
        var burnt = await Allocate();
        var next = await Allocate();
        await End(next, commit: true);
        (await Positions(reader, 0)).ShouldBeEmpty();

        await End(burnt, commit: false);
        (await Positions(reader, 0)).ShouldBe([next.Position]);
    }

    [Fact]
    public async Task random_out_of_order_commits_and_rollbacks_never_make_a_reader_skip()
    {
        var reader = Reader();
        var committed = new ConcurrentBag<long>();
        var random = new Random(42);
        var delays = Enumerable.Range(0, 160).Select(_ => (Hold: random.Next(0, 15), Commit: random.Next(10) > 0)).ToList();
        var next = -1;
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < delays.Count)
            {
                var write = await Allocate();
                await Task.Delay(delays[i].Hold);
                await End(write, delays[i].Commit);
                if (delays[i].Commit)
                    committed.Add(write.Position);
            }
        })).ToList();

        var served = new List<long>();
        long cursor = 0;
        var done = Task.WhenAll(writers);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var finished = done.IsCompleted;
            foreach (var position in await Positions(reader, cursor))
            {
                served.Add(position);
                cursor = position;
            }

            if (finished && served.Count >= committed.Count)
                break;
        }

        await done;
        served.ShouldBe(committed.Order().ToList());
    }

    [Fact]
    public async Task concurrent_writers_through_the_service_with_burnt_positions_never_make_the_feed_skip()
    {
        var given = new Given(app.Writer);
        var start = await given.Model(given.Id("model"));
        var feed = new FeedClient(app.Subscriber);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var burn = i % 5 == 4;
                var id = burn ? $"{BurningStep.Prefix}{given.Id($"m{w}-{i}")}" : given.Id($"m{w}-{i}");
                using var response = await app.Writer.PostAsync("/api/models",
                    new StringContent($$"""{"modelId":"{{id}}","name":"x"}""", System.Text.Encoding.UTF8, "application/json"));
                ((int)response.StatusCode).ShouldBe(burn ? 500 : 201);
            }
        })).ToList();

        var served = new List<long>();
        var cursor = start;
        var done = Task.WhenAll(writers);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var finished = done.IsCompleted;
            var page = await feed.Read(cursor, 7);
            served.AddRange(page.Events.Select(FeedClient.Position).Distinct());
            cursor = page.Next;
            if (finished && page.Count == 0)
                break;
        }

        await done;
        var truth = (await feed.All(start)).Select(FeedClient.Position).Distinct().ToList();
        served.ShouldBe(truth);
        truth.Count.ShouldBe(4 * 12);
        (truth[^1] - start).ShouldBeGreaterThan(truth.Count);
    }

    [Fact]
    public async Task a_fact_recorded_without_envelopes_is_given_the_same_ones_instead_of_being_skipped()
    {
        var given = new Given(app.Writer);
        var model = given.Id("model");
        await given.Model(model);
        var position = await given.Organization(given.Id("org"));
        await given.Model(given.Id("later"));

        async Task<List<string>> Stored()
        {
            await using var command = _dataSource.CreateCommand($"select envelope from ledger.{FeedSchema.Events} where position = $1 order by idx");
            command.Parameters.Add(new NpgsqlParameter { Value = position });
            await using var reader = await command.ExecuteReaderAsync();
            var envelopes = new List<string>();
            while (await reader.ReadAsync())
                envelopes.Add(reader.GetString(0));
            return envelopes;
        }

        var original = await Stored();
        original.ShouldNotBeEmpty();
        await using (var forget = _dataSource.CreateCommand($"delete from ledger.{FeedSchema.Events} where position = {position}"))
            await forget.ExecuteNonQueryAsync();

        var served = await Reader(LedgerSchema.Default).ReadPositions(position - 1, 10, CancellationToken.None);

        served[0].Number.ShouldBe(position);
        served[0].Envelopes.ShouldBe(original);
        (await Stored()).ShouldBe(original);
    }
}
