using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using CloudNative.CloudEvents;
using Ledger.Api.Feed.Envelopes;
using Ledger.Feed.Tests.Support;

namespace Ledger.Feed.Tests.Messaging;

[Collection(LedgerCollection.Name)]
public sealed class when_access_changes_are_published_to_a_broker(LedgerApp app)
{
    private readonly Given _given = new(app.Writer);
    private readonly FeedClient _feed = new(app.Subscriber);

    [Fact]
    public async Task every_change_reaches_the_postgresql_queue_in_feed_order()
    {
        await using var consumer = await BrokerConsumer.OnPostgresql(TestRoles.Owner);
        var model = _given.Id("model");
        var start = await _given.Model(model);
        await _given.Organization(_given.Id("org"));
        var last = await _given.Suspension(_given.Id("S"), model, Given.In(TimeSpan.FromHours(1)));
        var expected = (await _feed.All(start)).Where(e => e.Type == FeedEnvelopes.AccessChangedType).Select(e => e.Id!).ToList();
        expected.ShouldNotBeEmpty();

        // Long enough for a backlog left by an earlier test that killed a service: its outbox is recovered only once
        // the dead node is judged stale, and newer changes wait for it.
        var deadline = TimeSpan.FromSeconds(90);
        await BrokerConsumer.WaitFor(all => all.Any(m => m.Position == last), deadline);
        await BrokerConsumer.WaitFor(all => all.Count(m => m.Position == last) >= expected.Count(id => id!.StartsWith(_given.Id("S"), StringComparison.Ordinal)), deadline);

        // At least once: after a crash a batch may come again; a consumer drops repeats. Judge this test's own changes.
        var received = BrokerConsumer.All.Where(m => m.Position > start).DistinctBy(m => (m.Position, m.Index)).ToList();
        var keys = received.Select(m => (m.Position, m.Index)).ToList();
        var firstOutOfOrder = Enumerable.Range(1, Math.Max(0, keys.Count - 1)).FirstOrDefault(i => keys[i].CompareTo(keys[i - 1]) < 0);
        keys.ShouldBeInOrder(string.Join(" ", keys.Skip(Math.Max(0, firstOutOfOrder - 5)).Take(12)));
        var parsed = received
            .Select(m => FeedEnvelopes.Formatter.DecodeStructuredModeMessage(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.CloudEvent)), null, FeedEnvelopes.Extensions))
            .ToList();
        parsed.Select(e => e.Id).ShouldBe(expected);
        parsed.ShouldAllBe(e => e.Type == FeedEnvelopes.AccessChangedType && e.SpecVersion == CloudEventsSpecVersion.V1_0);
    }

    [SkippableRabbitMqFact]
    public async Task every_change_reaches_rabbitmq_in_feed_order()
    {
        await using var rabbitHost = await Alba.AlbaHost.For<Program>(web =>
        {
            LedgerApp.Secure(web);
            web.UseSetting("Ledger:RabbitMq", SkippableRabbitMqFactAttribute.Uri);
        });
        using var client = rabbitHost.Server.CreateClient().As(Tokens.WriterSubject, Tokens.WriterRoles);
        await using var consumer = await BrokerConsumer.OnRabbitMq(SkippableRabbitMqFactAttribute.Uri);
        var given = new Given(client);
        var model = given.Id("model");
        var start = await given.Model(model);
        var last = await given.Suspension(given.Id("S"), model, Given.In(TimeSpan.FromHours(1)));

        await BrokerConsumer.WaitFor(all => all.Any(m => m.Position == last), TimeSpan.FromSeconds(30));
        BrokerConsumer.All.Where(m => m.Position > start).DistinctBy(m => (m.Position, m.Index)).Select(m => (m.Position, m.Index)).ShouldBeInOrder();
    }
}

/// <summary>Runs only where a RabbitMQ broker answers (LEDGER_TEST_RABBITMQ, default: the docker-compose broker, amqp://ledger:ledgerdevonly@127.0.0.1:5672).</summary>
public sealed class SkippableRabbitMqFactAttribute : FactAttribute
{
    public static readonly string Uri = Environment.GetEnvironmentVariable("LEDGER_TEST_RABBITMQ") ?? "amqp://ledger:ledgerdevonly@127.0.0.1:5672";

    public SkippableRabbitMqFactAttribute()
    {
        if (!Reachable())
            Skip = $"no RabbitMQ broker reachable at {new System.Uri(Uri).Host}:{Port}; start one (docker compose up rabbitmq) or set LEDGER_TEST_RABBITMQ";
    }

    private static int Port => new System.Uri(Uri).Port is > 0 and var port ? port : 5672;

    private static bool Reachable()
    {
        try
        {
            using var tcp = new TcpClient();
            return tcp.ConnectAsync(new System.Uri(Uri).Host, Port).Wait(TimeSpan.FromMilliseconds(500)) && tcp.Connected;
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return false;
        }
    }
}
