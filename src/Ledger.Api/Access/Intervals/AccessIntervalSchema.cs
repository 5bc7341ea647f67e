using Ledger.Api.Ledger;
using Npgsql;

namespace Ledger.Api.Access.Intervals;

/// <summary>
/// The temporal read model of the access matrix: one row per cell per stretch of effective time
/// (<c>valid</c>), per stretch of ledger positions in which that row was the ledger's knowledge (<c>recorded</c>).
/// "Who could use what at T, as known at position P" is then one GiST stabbing query, whatever the length of the
/// history. The GiST indexes lead with the model or the organisation (btree_gist, a trusted extension the
/// database owner may create) because regulators ask per model or per organisation.
/// Rows are never deleted: a superseded row has its <c>recorded</c> range closed.
/// </summary>
/// <remarks>
/// The indexes key a row by the hash of its model or organisation and by <see cref="Bounds"/>, a box over both
/// ranges, not by the text and the two ranges themselves: GiST penalties on an integer and a box are plain
/// arithmetic, where btree_gist's text and the generic range code made every insertion cost about 30 us per index
/// (a rebuild spent most of its time there). Both keys are lossy, so a reader states the exact conditions as well
/// (see <see cref="Holding"/>).
/// </remarks>
public sealed class AccessIntervalSchema(NpgsqlDataSource dataSource, LedgerSchema schema)
{
    public string Table => $"{schema.Name}.access_intervals";

    public string Progress => $"{schema.Name}.projection_progress";

    /// <summary>What the indexes' keys were computed with (see <see cref="Ddl"/>).</summary>
    public string Keys => $"{schema.Name}.access_interval_keys";

    /// <summary>
    /// The owner's DDL, idempotent, run by db-apply (and by <c>ledger-replay</c> for its scratch schema). The indexes
    /// key rows by <c>hashtext</c>, which PostgreSQL does not promise to keep across major versions, and pg_upgrade
    /// keeps indexes as they are: after an upgrade that changed it, a reader's key would no longer match the stored
    /// ones and the indexes would silently miss rows. The hash of a fixed text is kept beside the table when the
    /// indexes are built; when the server now hashes it differently, both indexes are rebuilt here. REINDEX needs
    /// the owner, so db-apply does it and the service only refuses to start until it has (<see cref="Expect"/>).
    /// </summary>
    public string Ddl => $"""
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
        -- The indexes of the first definition (text and ranges), which the ones below replace.
        drop index if exists {schema.Name}.access_intervals_by_model;
        drop index if exists {schema.Name}.access_intervals_by_organization;
        {string.Concat(Indexes.Select(index => $"create index if not exists {index.Name} {index.Definition};\n"))}
        create table if not exists {Progress} (name text primary key, position bigint not null);
        create table if not exists {Keys} (name text primary key, probe integer not null);
        insert into {Keys} (name, probe) values ('hashtext', hashtext('{Probe}')) on conflict (name) do nothing;
        do $reindex$ begin
            if (select probe from {Keys} where name = 'hashtext') <> hashtext('{Probe}') then
                {string.Concat(Indexes.Where(index => index.Hashed).Select(index => $"reindex index {schema.Name}.{index.Name}; "))}
                update {Keys} set probe = hashtext('{Probe}') where name = 'hashtext';
            end if;
        end $reindex$;
        -- ANALYZE needs the owner too: the service's start runs it after a first build through this one door.
        create or replace function {Analyzer}() returns void language sql security definer
            set search_path = pg_catalog, pg_temp as $analyze$ analyze {Table} $analyze$;
        revoke all on function {Analyzer}() from public;
        """;

    /// <summary>What the server computes that <see cref="Ddl"/> depends on: a new hash means the indexes must be rebuilt.</summary>
    public static string HashProbe => $"' hashtext ' || hashtext('{Probe}')";

    /// <summary>The function through which the service may analyse the table it cannot own.</summary>
    public string Analyzer => AnalyzerOf(schema);

    public static string AnalyzerOf(LedgerSchema schema) => $"{schema.Name}.analyze_access_intervals";

    /// <summary>Creates the table and its indexes: for the scratch schema of a replay, which runs as the owner.</summary>
    public async Task Ensure(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        // Building the indexes over the rows of an existing table (once, when their definition changes) takes longer than a command usually may.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Fails the start of a service whose database lacks the table, or whose server hashes text differently from
    /// when the indexes were built (a major upgrade): their answers would silently miss rows until db-apply, as
    /// the owner, rebuilds them.
    /// </summary>
    public async Task Expect(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select to_regclass('{Keys}') is not null and to_regclass('{Table}') is not null and to_regprocedure('{Analyzer}()') is not null");
        if (await command.ExecuteScalarAsync(ct) is not true)
            throw new InvalidOperationException(
                $"The access-interval table is missing in schema {schema.Name}: run `Ledger.Api.dll db-apply` as the owner role (ConnectionStrings__LedgerOwner).");
        await using var compare = dataSource.CreateCommand($"select probe = hashtext('{Probe}') from {Keys} where name = 'hashtext'");
        if (await compare.ExecuteScalarAsync(ct) is not true)
            throw new InvalidOperationException(
                "PostgreSQL hashes text differently from when the access-interval indexes were built (a major upgrade?): " +
                "run `Ledger.Api.dll db-apply` as the owner role, which rebuilds them, before the service starts.");
    }

    private const string Probe = "directive-ledger";

    /// <summary>
    /// Gathers the planner's statistics for a table just built from nothing: without them, until autovacuum's next
    /// round, the first as-of reads would be planned blind.
    /// </summary>
    public async Task Analyze(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var analyze = new NpgsqlCommand($"select {Analyzer}()", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The SQL condition "the row holds at effective instant <paramref name="instant"/> as known at position
    /// <paramref name="position"/>" (both SQL expressions), in the form the GiST indexes answer, exact conditions
    /// included.
    /// </summary>
    /// <remarks>
    /// The box of a row is closed where its ranges are half-open, and its coordinates are rounded to float8, but
    /// rounding keeps order, so the box of every row that holds contains the instant's point: the index finds a
    /// superset, and the exact conditions sort it out. The point goes through the same conversion as the bounds
    /// (in SQL, not in .NET) for that reason.
    /// </remarks>
    public static string Holding(string instant, string position) =>
        $"{Bounds} @> box(point({Epoch($"{instant}::timestamptz")}, {position}::float8), point({Epoch($"{instant}::timestamptz")}, {position}::float8)) " +
        $"and valid @> {instant}::timestamptz and recorded @> {position}::bigint";

    /// <summary>The SQL condition "the row is of the model (or organisation) in <paramref name="column"/>", in the form the GiST indexes answer.</summary>
    public static string Of(string column, string value) => $"hashtext({column}) = hashtext({value}) and {column} = {value}";

    /// <summary>
    /// A row's <c>valid</c> and <c>recorded</c> ranges as one box: effective time in seconds since the epoch by
    /// position. An open end becomes a coordinate beyond every value the column can hold (timestamps end near
    /// 9.2e12 s, positions at 9.2e18): finite, because infinities would make GiST's area penalties meaningless.
    /// </summary>
    private const string Bounds =
        "box(point(coalesce(" + ValidFromEpoch + ", -1e13), recorded_from::float8), point(coalesce(" + ValidToEpoch + ", 1e13), coalesce(recorded_to::float8, 1e19)))";

    private const string ValidFromEpoch = "extract(epoch from valid_from at time zone 'UTC')::float8";

    private const string ValidToEpoch = "extract(epoch from valid_to at time zone 'UTC')::float8";

    /// <summary>Immutable (an index may use it) because the instant is read in UTC, not in the session's time zone.</summary>
    private static string Epoch(string instant) => $"extract(epoch from {instant} at time zone 'UTC')::float8";

    /// <summary>The indexes the readers need, by name (unique within the schema), definition, and whether they key rows by <c>hashtext</c>.</summary>
    private IEnumerable<(string Name, string Definition, bool Hashed)> Indexes =>
    [
        ("access_intervals_by_model_bounds", $"on {Table} using gist (hashtext(model_id), {Bounds})", true),
        ("access_intervals_by_organization_bounds", $"on {Table} using gist (hashtext(organization_id), {Bounds})", true),
        ("access_intervals_live", $"on {Table} (model_id, organization_id, person_class) where recorded_to is null", false),
    ];
}
