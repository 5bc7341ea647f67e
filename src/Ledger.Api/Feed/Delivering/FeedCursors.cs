using Ledger.Api.Ledger;
using Marten;
using Npgsql;

namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// The stored cursors of the in-house consumers (<see cref="FeedSchema.Cursors"/>): where each has delivered through,
/// and where it stood before its last batch, to go back to should that batch be lost in flight. A cursor moves in the
/// transaction that hands its batch on, so the two never disagree.
/// </summary>
internal sealed class FeedCursors(NpgsqlDataSource dataSource, LedgerSchema schema)
{
    private string Table => $"{schema.Name}.{FeedSchema.Cursors}";

    public async Task<FeedCursor> Read(string name, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select position, idx from {Table} where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new FeedCursor(reader.GetInt64(0), reader.GetInt32(1)) : FeedCursor.Start;
    }

    /// <summary>Moves the cursor to <paramref name="to"/> when <paramref name="session"/> commits, remembering <paramref name="from"/>.</summary>
    public void Advance(IDocumentSession session, string name, FeedCursor from, FeedCursor to) =>
        session.QueueSqlCommand(
            $"""
             insert into {Table} (name, position, idx, rewind_position, rewind_idx) values (?, ?, ?, ?, ?)
             on conflict (name) do update set position = excluded.position, idx = excluded.idx,
               rewind_position = excluded.rewind_position, rewind_idx = excluded.rewind_idx
             """,
            name, to.Position, to.Index, from.Position, from.Index);

    /// <summary>Puts the cursor back where it stood before its last batch.</summary>
    public async Task Rewind(string name, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var rewind = new NpgsqlCommand($"update {Table} set position = rewind_position, idx = rewind_idx where name = $1", connection, transaction);
        rewind.Parameters.Add(new NpgsqlParameter { Value = name });
        await rewind.ExecuteNonQueryAsync(ct);
    }
}
