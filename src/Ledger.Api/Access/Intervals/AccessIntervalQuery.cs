using Ledger.Domain.Access;
using Npgsql;

namespace Ledger.Api.Access.Intervals;

/// <summary>The as-of matrix as one indexed lookup: the row of each cell whose effective and recorded ranges contain (T, P).</summary>
public sealed class AccessIntervalQuery(NpgsqlDataSource dataSource, AccessIntervalSchema table)
{
    public async Task<IReadOnlyList<AccessCell>> Matrix(DateTimeOffset asOf, long position, string? modelId, string? organizationId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Only the filters given appear in the SQL: an "is null or" clause would keep the planner off the indexes.
        await using var command = new NpgsqlCommand($"""
            select model_id, organization_id, person_class, valid_from, valid_to, legal, provider, access, since, basis::text, reasons::text
            from {table.Table}
            where {AccessIntervalSchema.Holding("$1", "$2")}
            {(modelId is null ? "" : $"and {AccessIntervalSchema.Of("model_id", "$3")}")} {(organizationId is null ? "" : $"and {AccessIntervalSchema.Of("organization_id", $"${(modelId is null ? 3 : 4)}")}")}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        if (modelId is not null)
            command.Parameters.Add(new NpgsqlParameter { Value = modelId });
        if (organizationId is not null)
            command.Parameters.Add(new NpgsqlParameter { Value = organizationId });
        var rows = new List<AccessIntervalRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(AccessIntervalRows.Read(reader, withId: false));
        return rows
            .OrderBy(r => r.Cell, AccessMatrix.Order)
            .Select(r => new AccessCell(
                r.Cell.ModelId, r.Cell.OrganizationId, r.Cell.PersonClass, r.Segment.Legal, r.Segment.Provider, r.Segment.Access,
                r.Segment.Since, r.Segment.Basis, string.Join("; ", r.Segment.Reasons)))
            .ToList();
    }
}
