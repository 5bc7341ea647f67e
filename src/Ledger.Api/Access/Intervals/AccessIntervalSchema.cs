using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// The temporal read model of the access matrix: one row per cell per stretch of effective time
/// (<c>valid</c>), per stretch of ledger positions in which that row was the ledger's knowledge (<c>recorded</c>).
/// "Who could use what at T, as known at position P" is then one GiST stabbing query on both ranges, whatever
/// the length of the history. The GiST indexes lead with the model or the organisation (btree_gist, a trusted
/// extension the database owner may create) because regulators ask per model or per organisation.
/// Rows are never deleted: a superseded row has its <c>recorded</c> range closed.
/// </summary>
public sealed class AccessIntervalSchema(NpgsqlDataSource dataSource, LedgerSchema schema)
{
    public string Table => $"{schema.Name}.access_intervals";

    public string Progress => $"{schema.Name}.projection_progress";

    public async Task Ensure(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            create extension if not exists btree_gist;
            create schema if not exists {schema.Name};
            create table if not exists {Table} (
                id bigint generated always as identity primary key,
                model_id text not null,
                organization_id text not null,
                person_class text not null,
                valid_from timestamptz null,
                valid_to timestamptz null,
                recorded_from bigint not null,
                recorded_to bigint null,
                legal text not null,
                provider text not null,
                access text not null,
                since timestamptz null,
                basis jsonb not null,
                reasons jsonb not null,
                valid tstzrange generated always as (tstzrange(valid_from, valid_to, '[)')) stored,
                recorded int8range generated always as (int8range(recorded_from, recorded_to, '[)')) stored
            );
            create index if not exists access_intervals_by_model on {Table} using gist (model_id, valid, recorded);
            create index if not exists access_intervals_by_organization on {Table} using gist (organization_id, valid, recorded);
            create index if not exists access_intervals_live on {Table} (model_id, organization_id, person_class) where recorded_to is null;
            create table if not exists {Progress} (name text primary key, position bigint not null);
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
