using Ledger.Api.Ledger;
using Ledger.Integrity.Leaves;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// The integrity tables and the append-only guard, applied by <c>db-apply</c> as the owner after Marten's own schema
/// (<see cref="Database.DatabaseConfiguration"/>); the service only checks at start that they are there.
/// <list type="bullet">
/// <item><c>merkle_leaves</c>: one row per ledger fact, leaf index -&gt; position and leaf hash, written in the
/// fact's own transaction, so an event row that PostgreSQL holds without a leaf was not written by the ledger.</item>
/// <item><c>checkpoints</c>: signed tree heads.</item>
/// <item><c>fact_salts</c>: the salt of each confidential text field of each fact sealed as <c>leaf/v2</c>, written in
/// the fact's own transaction; what ties a text to its commitment, so it never reaches a reader who may not see the text.</item>
/// <item>triggers that refuse UPDATE, DELETE and TRUNCATE of <c>mt_events</c>, <c>merkle_leaves</c>,
/// <c>checkpoints</c> and <c>fact_salts</c> for every role, the owner included (only a superuser can switch triggers off for a session);
/// the service's role holds no such privilege either (<see cref="Database.ServicePrivileges"/>).</item>
/// <item><c>merkle_leaf_hash</c>: the leaf hash of <see cref="LeafRecord"/> computed
/// inside PostgreSQL, so sealing costs one statement; every verification recomputes it in C# from the row. For
/// <c>leaf/v2</c>, <c>merkle_leaf_hash_v2</c> over <c>merkle_commitments</c> and <c>merkle_committed_data</c>
/// (<see cref="TextCommitments"/>).</item>
/// </list>
/// </summary>
public sealed class IntegritySchema(LedgerSchema schema)
{
    public string Name => schema.Name;
    public string Leaves => $"{schema.Name}.merkle_leaves";
    public string Checkpoints => $"{schema.Name}.checkpoints";
    public string Events => $"{schema.Name}.mt_events";
    public string Salts => $"{schema.Name}.fact_salts";

    /// <summary>The four tables whose rows are the ledger's history.</summary>
    public IEnumerable<string> AppendOnly => [Events, Leaves, Checkpoints, Salts];

    /// <summary>Fails the start of a service whose database lacks the integrity schema: only db-apply, as the owner, creates it.</summary>
    public async Task Expect(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select count(*) from pg_trigger
            where tgname in ('ledger_append_only', 'ledger_no_truncate') and tgenabled = 'O'
              and tgrelid in (to_regclass('{Events}'), to_regclass('{Leaves}'), to_regclass('{Checkpoints}'), to_regclass('{Salts}'))
            """);
        if ((long)(await command.ExecuteScalarAsync(ct))! != 8)
            throw new InvalidOperationException(
                $"The integrity tables or their append-only triggers are missing or disabled in schema {schema.Name}: run `Ledger.Api.dll db-apply` as the owner role (ConnectionStrings__LedgerOwner).");
    }

    /// <summary>One field of <see cref="LeafRecord.CanonicalBytes"/>: 0x00 for null, else 0x01, the UTF-8 length (4 bytes, big-endian), the UTF-8.</summary>
    private static string Field(string text) =>
        $"(case when ({text}) is null then '\\x00'::bytea else '\\x01'::bytea || int4send(octet_length(convert_to({text}, 'UTF8'))) || convert_to({text}, 'UTF8') end)";

    /// <summary>
    /// The columns a verification or an export reads of a sealed <c>leaf/v2</c> (null for v1, and for a fact without
    /// salts, whose committed data is its data), after the event's own: the commitments and the committed data as the
    /// ledger seals them, and the salts, as a jsonb object of hex. Needs <see cref="SaltsJoin"/>.
    /// </summary>
    public string RedactableColumns(string events, string leaves) => $"""
        {leaves}.leaf_version,
        case when {leaves}.leaf_version = 2 and fs.salts is not null then {schema.Name}.merkle_commitments({events})::text end,
        case when {leaves}.leaf_version = 2 and fs.salts is not null then {schema.Name}.merkle_committed_data({events})::text end,
        case when {leaves}.leaf_version = 2 then fs.salts::text end
        """;

    /// <summary>Every fact's salts as one row (<c>fs.salts</c>), joined once for a whole scan rather than looked up per row.</summary>
    public string SaltsJoin(string events) =>
        $"left join (select seq_id, jsonb_object_agg(field, encode(salt, 'hex')) as salts from {Salts} group by seq_id) fs on fs.seq_id = {events}.seq_id";

    /// <summary>Whether the salt <paramref name="salts"/> commits a field of <paramref name="events"/>: one that holds a value other than null.</summary>
    private static string Committed(string salts, string events) =>
        $"coalesce(jsonb_typeof({events}.data -> {salts}.field), 'null') <> 'null'";

    /// <summary>The leaf hash of the event <paramref name="events"/> in the encoding it is sealed in.</summary>
    /// <param name="salted">
    /// whether the facts may have salts; without any, a v2 leaf has no commitments and the data as committed data, and the
    /// hash is one expression PostgreSQL inlines (most facts have no confidential text)
    /// </param>
    public string LeafHash(string events, int leafVersion, bool salted = true) => (leafVersion, salted) switch
    {
        (2, true) => $"{schema.Name}.merkle_leaf_hash_v2({events}, {schema.Name}.merkle_commitments({events})::text, {schema.Name}.merkle_committed_data({events})::text)",
        (2, false) => $"{schema.Name}.merkle_leaf_hash_v2({events}, null, {events}.data::text)",
        _ => $"{schema.Name}.merkle_leaf_hash({events})",
    };

    /// <summary>The leaf hash of the event <c>e</c>: every field of <see cref="LeafRecord.CanonicalBytes"/> after the format, then <paramref name="last"/>.</summary>
    private static string LeafHashOf(string format, params string[] last) =>
        $"select sha256('\\x00'::bytea || " + string.Join(" || ", new[]
        {
            $"'{format}'", "e.id::text", "e.seq_id::text", "e.stream_id::text", "e.version::text", "e.type::text", "e.tenant_id::text",
            "to_char(e.timestamp at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')", "e.correlation_id::text", "e.causation_id::text",
            "e.user_name::text", "e.headers::text",
        }.Concat(last).Select(Field)) + ")";

    /// <summary>The owner's DDL, idempotent: what db-apply runs after Marten has created the event tables.</summary>
    public string Ddl => $"""
        create table if not exists {Leaves} (
            leaf_index bigint primary key,
            seq_id bigint not null unique,
            leaf_hash bytea not null check (octet_length(leaf_hash) = 32)
        );
        create table if not exists {Checkpoints} (
            tree_size bigint primary key,
            root_hash bytea not null check (octet_length(root_hash) = 32),
            signed_at timestamptz not null,
            key_id text not null,
            note text not null
        );
        -- Which encoding sealed the leaf: rows sealed before leaf/v2 take the default and stay v1.
        alter table {Leaves} add column if not exists leaf_version smallint not null default 1 check (leaf_version in (1, 2));
        create table if not exists {Salts} (
            seq_id bigint not null,
            field text not null,
            form text not null check (form in ('{TextCommitments.Text}', '{TextCommitments.Texts}', '{TextCommitments.Documents}')),
            salt bytea not null check (octet_length(salt) = {TextCommitments.SaltSize}),
            primary key (seq_id, field)
        );

        create or replace function {schema.Name}.ledger_refuse_rewrite() returns trigger language plpgsql as $$
        begin
            raise exception 'the ledger is append-only: % of %.% is refused', tg_op, tg_table_schema, tg_table_name
                using errcode = 'insufficient_privilege';
        end $$;
        create or replace trigger ledger_append_only before update or delete on {Events}
            for each row execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_append_only before update or delete on {Leaves}
            for each row execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_append_only before update or delete on {Checkpoints}
            for each row execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_append_only before update or delete on {Salts}
            for each row execute function {schema.Name}.ledger_refuse_rewrite();
        -- TRUNCATE fires no row trigger and is a privilege of its own: refused once per statement, for every role.
        create or replace trigger ledger_no_truncate before truncate on {Events}
            for each statement execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_no_truncate before truncate on {Leaves}
            for each statement execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_no_truncate before truncate on {Checkpoints}
            for each statement execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_no_truncate before truncate on {Salts}
            for each statement execute function {schema.Name}.ledger_refuse_rewrite();

        -- Every field written out in place (no helper function): PostgreSQL then inlines merkle_leaf_hash into the
        -- sealing statement, where a call per field cost about 0.2 ms per write in planning alone.
        drop function if exists {schema.Name}.merkle_leaf_field(text);
        create or replace function {schema.Name}.merkle_leaf_hash(e {Events}) returns bytea
            language sql stable parallel safe as $$
            {LeafHashOf(LeafRecord.Format, "e.data::text")}
        $$;

        -- leaf/v2: one text unit i (0 for one text) with parts p1..pn is SHA-256(salt || int4 i || F(p1) || ... || F(pn)).
        create or replace function {schema.Name}.merkle_commitment(v jsonb, form text, salt bytea) returns jsonb
            language sql immutable parallel safe as $$
            select case
                when form = '{TextCommitments.Text}' or jsonb_typeof(v) <> 'array' then
                    to_jsonb(encode(sha256(salt || int4send(0) || {Field("v #>> '{}'")}), 'hex'))
                when form = '{TextCommitments.Texts}' then coalesce((
                    select jsonb_agg(to_jsonb(encode(sha256(salt || int4send((t.i - 1)::int) || {Field("t.x #>> '{}'")}), 'hex')) order by t.i)
                    from jsonb_array_elements(v) with ordinality t(x, i)), '[]'::jsonb)
                else coalesce((
                    select jsonb_agg(jsonb_build_object('sha256', t.d -> 'sha256', 'commitment',
                        encode(sha256(salt || int4send((t.i - 1)::int)
                            || {Field("case when jsonb_typeof(t.d) = 'object' then (t.d - 'sha256')::text else t.d::text end")}), 'hex')) order by t.i)
                    from jsonb_array_elements(v) with ordinality t(d, i)), '[]'::jsonb)
            end
        $$;
        -- The committed data: every field with a salt and a value other than null replaced by its commitment. In plpgsql,
        -- whose plans a session keeps: an SQL function with subqueries is not inlined and was planned again per statement.
        create or replace function {schema.Name}.merkle_committed_data(e {Events}) returns jsonb
            language plpgsql stable parallel safe as $$
            begin
                return coalesce((
                    select jsonb_object_agg(d.key, case when s.salt is null or not {Committed("s", "e")} then d.value
                                                        else {schema.Name}.merkle_commitment(d.value, s.form, s.salt) end)
                    from jsonb_each(e.data) d left join {Salts} s on s.seq_id = e.seq_id and s.field = d.key
                    where exists (select 1 from {Salts} x where x.seq_id = e.seq_id)), e.data);
            end $$;
        -- Which fields the committed data commits, and in which form (null when none).
        create or replace function {schema.Name}.merkle_commitments(e {Events}) returns jsonb
            language plpgsql stable parallel safe as $$
            begin
                return (select jsonb_object_agg(s.field, s.form) from {Salts} s where s.seq_id = e.seq_id and {Committed("s", "e")});
            end $$;
        create or replace function {schema.Name}.merkle_leaf_hash_v2(e {Events}, commitments text, committed text) returns bytea
            language sql stable parallel safe as $$
            {LeafHashOf(LeafRecord.FormatV2, "commitments", "committed")}
        $$;
        """;
}
