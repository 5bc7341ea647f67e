using System.Collections.Concurrent;
using Ledger.Api.Feed.Delivering.Broker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;

namespace Ledger.Feed.Tests.Messaging;

/// <summary>A downstream Wolverine service that consumes the access changes, one at a time, in arrival order.</summary>
public sealed class BrokerConsumer : IAsyncDisposable
{
    private static readonly ConcurrentQueue<AccessChangedMessage> Received = new();
    private static TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IHost _host;

    private BrokerConsumer(IHost host) => _host = host;

    public static IReadOnlyList<AccessChangedMessage> All => Received.ToList();

    public static async Task<BrokerConsumer> OnPostgresql(string connectionString) => new(await Host.CreateDefaultBuilder()
        .ConfigureLogging(l => l.ClearProviders())
        .UseWolverine(options =>
        {
            options.ApplicationAssembly = typeof(BrokerConsumer).Assembly;
            options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(AccessChangedHandler));
            options.UsePostgresqlPersistenceAndTransport(connectionString, "feed_test_consumer").AutoProvision();
            options.ListenToPostgresqlQueue(MessagingConfiguration.PostgresqlQueue)
                .BufferedInMemory().Sequential().MaximumMessagesToReceive(1000).PollingInterval(TimeSpan.FromMilliseconds(100))
                .DefaultSerializer(new CloudEventMessageSerializer());
        })
        .StartAsync());

    public static async Task<BrokerConsumer> OnRabbitMq(string uri) => new(await Host.CreateDefaultBuilder()
        .ConfigureLogging(l => l.ClearProviders())
        .UseWolverine(options =>
        {
            options.ApplicationAssembly = typeof(BrokerConsumer).Assembly;
            options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(AccessChangedHandler));
            options.UseRabbitMq(new Uri(uri)).AutoProvision();
            options.ListenToRabbitQueue(MessagingConfiguration.RabbitExchange).Sequential().DefaultSerializer(new CloudEventMessageSerializer());
        })
        .StartAsync());

    public static async Task WaitFor(Func<IReadOnlyList<AccessChangedMessage>, bool> condition, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            if (condition(All))
                return;
            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the consumer did not get what was expected within {deadline}; it got {Received.Count} messages");
            }
        }
    }

    public static void Handle(AccessChangedMessage message)
    {
        Received.Enqueue(message);
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

public static class AccessChangedHandler
{
    public static void Handle(AccessChangedMessage message) => BrokerConsumer.Handle(message);
}
