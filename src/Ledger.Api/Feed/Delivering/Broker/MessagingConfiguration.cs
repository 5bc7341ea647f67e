using Wolverine;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;

namespace Ledger.Api.Feed.Delivering.Broker;

/// <summary>
/// Where access changes go: a PostgreSQL queue (<see cref="PostgresqlQueue"/>, in Wolverine's transport schema) by
/// default, or, when <c>Ledger:RabbitMq</c> holds an AMQP URI, the fanout exchange <see cref="RabbitExchange"/>
/// bound to the durable queue of the same name.
/// </summary>
public static class MessagingConfiguration
{
    public const string PostgresqlQueue = "ledger_access_changes";
    public const string RabbitExchange = "ledger.access-changes";

    public static IServiceCollection AddAccessChangePublishing(this IServiceCollection services, IConfiguration configuration)
    {
        // An instance that only answers reads (a reporting replica, a benchmark of reads) can leave publishing to others.
        if (!configuration.GetValue("Ledger:Feed:Publish", true))
            return services;
        var rabbit = configuration["Ledger:RabbitMq"];
        services.ConfigureWolverine(options =>
        {
            // A killed node's outbox is only recovered once the node is judged dead; the publisher holds back newer
            // changes until then (strict order), so judge it dead in seconds rather than Wolverine's default minute.
            options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(2);
            options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(10);
            var serializer = new CloudEventMessageSerializer();
            options.AddSerializer(serializer);
            if (string.IsNullOrWhiteSpace(rabbit))
            {
                options.PublishMessage<AccessChangedMessage>().ToPostgresqlQueue(PostgresqlQueue).UseDurableOutbox().DefaultSerializer(serializer);
                return;
            }

            options.UseRabbitMq(new Uri(rabbit)).AutoProvision();
            options.PublishMessage<AccessChangedMessage>()
                .ToRabbitExchange(RabbitExchange, exchange =>
                {
                    exchange.ExchangeType = ExchangeType.Fanout;
                    exchange.BindQueue(RabbitExchange);
                })
                .UseDurableOutbox()
                .DefaultSerializer(serializer);
        });
        services.AddHostedService<AccessChangePublisher>();
        return services;
    }
}
