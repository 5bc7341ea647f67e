using Npgsql;

namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// Makes one instance of the service, across all of them, the one that delivers a channel: a PostgreSQL session
/// advisory lock, held for as long as its connection stays open, and so released by a crash as surely as by a stop.
/// </summary>
internal sealed class LeaderLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private LeaderLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>The lock named <paramref name="name"/>, or null when another session holds it.</summary>
    public static async Task<LeaderLock?> TryTake(NpgsqlDataSource dataSource, string name, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var claim = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", connection);
            claim.Parameters.Add(new NpgsqlParameter { Value = name });
            if ((bool)(await claim.ExecuteScalarAsync(ct))!)
                return new LeaderLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Throws when the lock's connection is gone, and with it the lock: another instance may lead by now.</summary>
    public async Task StillHeld(CancellationToken ct)
    {
        await using var alive = new NpgsqlCommand("select 1", _connection);
        await alive.ExecuteScalarAsync(ct);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
