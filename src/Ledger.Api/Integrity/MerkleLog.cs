using Ledger.Api.Ledger;
using Ledger.Integrity.Merkle;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// The committed Merkle tree as this process knows it, read from <c>merkle_leaves</c> in leaf order and caught up
/// incrementally, with the position of every leaf. Leaves commit in order (they are written under the write
/// lock), so a catch-up never sees leaf i+1 without leaf i; a hole would mean a deleted leaf, and the tree stops
/// before it (verification reports it).
/// </summary>
public sealed class MerkleLog(NpgsqlDataSource dataSource, IntegritySchema tables)
{
    private readonly SemaphoreSlim _catchingUp = new(1, 1);
    private readonly Lock _tree = new();
    private readonly MerkleTree _merkle = new();
    private readonly List<long> _positions = [];

    public long Size
    {
        get
        {
            lock (_tree)
                return _merkle.Size;
        }
    }

    /// <summary>
    /// The committed tree without a round trip when the ledger log (kept current by its commit listener) holds no
    /// more facts than the tree has leaves: leaves commit with their facts, so nothing can be missing.
    /// </summary>
    public async Task<long> Current(LedgerLog log, CancellationToken ct) =>
        (await log.Current(ct)).Facts.Count > Size ? await CatchUp(ct) : Size;

    public async Task<long> CatchUp(CancellationToken ct)
    {
        await _catchingUp.WaitAsync(ct);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand(
                $"select leaf_index, seq_id, leaf_hash from {tables.Leaves} where leaf_index >= $1 order by leaf_index", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Size });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var hash = reader.GetFieldValue<byte[]>(2);
                lock (_tree)
                {
                    if (reader.GetInt64(0) != _merkle.Size || hash.Length != TreeHash.Size)
                        break;
                    _merkle.Append(hash);
                    _positions.Add(reader.GetInt64(1));
                }
            }

            return Size;
        }
        finally
        {
            _catchingUp.Release();
        }
    }

    /// <summary>The leaf index of a ledger position, or null when no fact was sealed there (a burnt or foreign position).</summary>
    public long? LeafOf(long position)
    {
        lock (_tree)
        {
            var index = _positions.BinarySearch(position);
            return index >= 0 ? index : null;
        }
    }

    /// <summary>How many leaves lie at or before a position: the tree size of a log cut there.</summary>
    public long SizeAt(long position)
    {
        lock (_tree)
        {
            var index = _positions.BinarySearch(position);
            return index >= 0 ? index + 1 : ~index;
        }
    }

    public long PositionOf(long leafIndex)
    {
        lock (_tree)
            return _positions[(int)leafIndex];
    }

    public T Read<T>(Func<MerkleTree, T> read)
    {
        lock (_tree)
            return read(_merkle);
    }
}
