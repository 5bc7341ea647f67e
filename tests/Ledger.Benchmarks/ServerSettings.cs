using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>The PostgreSQL version and the settings that decide commit cost, for the report's conditions line.</summary>
public static class ServerSettings
{
    public static async Task<string> Describe(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'),
                   current_setting('wal_sync_method'), current_setting('shared_buffers'), current_setting('max_connections')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)} (fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, wal_sync_method {reader.GetString(3)}, " +
               $"shared_buffers {reader.GetString(4)}, max_connections {reader.GetString(5)})";
    }
}
