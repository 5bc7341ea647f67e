using Ledger.Api.Feed.Subscriptions;
using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Feed.Tests.Support;

/// <summary>
/// The subscription table as a database dump, or an older version of the service, sees it: rows written straight
/// into it (as registered before the service refused inward targets or sealed secrets) and the stored secret read back.
/// </summary>
public static class SubscriptionRows
{
    private static readonly string Table = $"{LedgerSchema.Default.Name}.{SubscriptionSchema.Subscriptions}";

    private static NpgsqlDataSource Open() => NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger")!);

    /// <summary>A row as an older service stored it: the secret in clear, the URL as given.</summary>
    public static async Task Insert(string id, string url, string[] eventTypes, string secret, string owner, long after)
    {
        await using var dataSource = Open();
        await using var command = dataSource.CreateCommand(
            $"insert into {Table} (id, url, event_types, secret, created_at, cursor_position, cursor_index, owner) values ($1, $2, $3, $4, now(), $5, 2147483647, $6)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = url });
        command.Parameters.Add(new NpgsqlParameter { Value = eventTypes });
        command.Parameters.Add(new NpgsqlParameter { Value = secret });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The secret column of a subscription, as a dump of the database shows it.</summary>
    public static async Task<string> StoredSecret(string id)
    {
        await using var dataSource = Open();
        await using var command = dataSource.CreateCommand($"select secret from {Table} where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
