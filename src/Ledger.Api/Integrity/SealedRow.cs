using System.Data.Common;
using System.Text.Json;
using Ledger.Integrity.Leaves;

namespace Ledger.Api.Integrity;

/// <summary>
/// An event row as a verification or an export reads it: its leaf in the encoding it was sealed in (for a
/// <c>leaf/v2</c>, over the committed data PostgreSQL computes), the stored data, and the salts of its texts.
/// </summary>
internal sealed record SealedRow(LeafRecord Leaf, string Data, IReadOnlyDictionary<string, byte[]> Salts)
{
    /// <summary>
    /// The columns <see cref="Read"/> expects, in order, of the events <paramref name="events"/> and leaves
    /// <paramref name="leaves"/>; the query joins <see cref="IntegritySchema.SaltsJoin"/>.
    /// </summary>
    public static string Columns(IntegritySchema tables, string events, string leaves) => $"""
        {events}.id, {events}.stream_id, {events}.version, {events}.type, {events}.tenant_id, {events}.timestamp,
        {events}.correlation_id, {events}.causation_id, {events}.user_name, {events}.headers::text, {events}.data::text,
        {tables.RedactableColumns(events, leaves)}
        """;

    /// <summary>The row whose <see cref="Columns"/> start at <paramref name="at"/>; the reader reads columns in order.</summary>
    public static SealedRow Read(DbDataReader reader, int at, long position)
    {
        var leaf = new LeafRecord(
            reader.GetGuid(at),
            position,
            reader.IsDBNull(at + 1) ? null : reader.GetString(at + 1),
            reader.GetInt64(at + 2),
            reader.GetString(at + 3),
            reader.IsDBNull(at + 4) ? null : reader.GetString(at + 4),
            reader.GetFieldValue<DateTimeOffset>(at + 5),
            reader.IsDBNull(at + 6) ? null : reader.GetString(at + 6),
            reader.IsDBNull(at + 7) ? null : reader.GetString(at + 7),
            reader.IsDBNull(at + 8) ? null : reader.GetString(at + 8),
            reader.IsDBNull(at + 9) ? null : reader.GetString(at + 9),
            reader.GetString(at + 10));
        var leafVersion = reader.IsDBNull(at + 11) ? 1 : reader.GetInt16(at + 11);
        var commitments = reader.IsDBNull(at + 12) ? null : reader.GetString(at + 12);
        var committed = reader.IsDBNull(at + 13) ? null : reader.GetString(at + 13);
        var salts = reader.IsDBNull(at + 14) ? null : reader.GetString(at + 14);
        if (leafVersion != 2)
            return new SealedRow(leaf, leaf.Data, new Dictionary<string, byte[]>());
        // Only the salts of committed fields: a field without a value has a salt but nothing to commit.
        var committedFields = TextCommitments.Parse(commitments).Select(c => c.Field).ToHashSet();
        return new SealedRow(
            leaf with { LeafVersion = 2, Commitments = commitments, Data = committed ?? leaf.Data },
            leaf.Data,
            salts is null ? new Dictionary<string, byte[]>()
                : JsonSerializer.Deserialize<Dictionary<string, string>>(salts)!.Where(s => committedFields.Contains(s.Key))
                    .ToDictionary(s => s.Key, s => Convert.FromHexString(s.Value)));
    }

    /// <summary>Why the stored text does not match the commitments sealed in the leaf (null when it does, and for a <c>leaf/v1</c>).</summary>
    public string? Disagreement() =>
        Leaf.LeafVersion == 2 && Leaf.Commitments is not null ? TextCommitments.Disagreement(Data, Leaf.Data, Leaf.Commitments, Salts) : null;
}
