using System.Data.Common;
using System.Text.Json;
using Ledger.Domain.Access;
using Ledger.Domain.Json;
using Ledger.Domain.Vocabulary;

namespace Ledger.Api.Access.Intervals;

/// <summary>Reads interval rows selected as: [id,] model, organisation, class, valid from/to, legal, provider, access, since, basis, reasons[, recorded from].</summary>
internal static class AccessIntervalRows
{
    public static AccessIntervalRow Read(DbDataReader row, bool withId)
    {
        var i = withId ? 1 : 0;
        var cell = new CellKey(row.GetString(i), row.GetString(i + 1), Kebab<PersonClass>.Parse(row.GetString(i + 2)));
        var segment = new CellSegment(
            Instant(row, i + 3),
            Instant(row, i + 4),
            Kebab<LegalState>.Parse(row.GetString(i + 5)),
            Kebab<ProviderState>.Parse(row.GetString(i + 6)),
            Kebab<Domain.Vocabulary.Access>.Parse(row.GetString(i + 7)),
            Instant(row, i + 8),
            JsonSerializer.Deserialize<List<BasisEvent>>(row.GetString(i + 9), LedgerJson.Options)!,
            JsonSerializer.Deserialize<List<string>>(row.GetString(i + 10), LedgerJson.Options)!);
        return withId
            ? new AccessIntervalRow(row.GetInt64(0), cell, segment, row.GetInt64(i + 11))
            : new AccessIntervalRow(0, cell, segment, 0);
    }

    private static DateTimeOffset? Instant(DbDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : new DateTimeOffset(row.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
}
