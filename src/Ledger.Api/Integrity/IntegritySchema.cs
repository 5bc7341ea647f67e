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
/// <item>triggers that refuse UPDATE, DELETE and TRUNCATE of <c>mt_events</c>, <c>merkle_leaves</c> and
/// <c>checkpoints</c> for every role, the owner included (only a superuser can switch triggers off for a session);
/// the service's role holds no such privilege either (<see cref="Database.ServicePrivileges"/>).</item>
/// <item><c>merkle_leaf_hash</c>: the leaf hash of <see cref="LeafRecord"/> computed
/// inside PostgreSQL, so sealing costs one statement; every verification recomputes it in C# from the row.</item>
/// </list>
/// </summary>
public sealed class IntegritySchema(LedgerSchema schema)
{
    public string Name => schema.Name;
    public string Leaves => $"{schema.Name}.merkle_leaves";
    public string Checkpoints => $"{schema.Name}.checkpoints";
    public string Events => $"{schema.Name}.mt_events";

    /// <summary>The three tables whose rows are the ledger's history.</summary>
    public IEnumerable<string> AppendOnly => [Events, Leaves, Checkpoints];

    /// <summary>Fails the start of a service whose database lacks the integrity schema: only db-apply, as the owner, creates it.</summary>
    public async Task Expect(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select count(*) from pg_trigger
            where tgname in ('ledger_append_only', 'ledger_no_truncate') and tgenabled = 'O'
              and tgrelid in (to_regclass('{Events}'), to_regclass('{Leaves}'), to_regclass('{Checkpoints}'))
            """);
        if ((long)(await command.ExecuteScalarAsync(ct))! != 6)
            throw new InvalidOperationException(
                $"The integrity tables or their append-only triggers are missing or disabled in schema {schema.Name}: run `Ledger.Api.dll db-apply` as the owner role (ConnectionStrings__LedgerOwner).");
    }

    /// <summary>One field of <see cref="LeafRecord.CanonicalBytes"/>: 0x00 for null, else 0x01, the UTF-8 length (4 bytes, big-endian), the UTF-8.</summary>
    private static string Field(string text) =>
        $"(case when ({text}) is null then '\\x00'::bytea else '\\x01'::bytea || int4send(octet_length(convert_to({text}, 'UTF8'))) || convert_to({text}, 'UTF8') end)";

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
        -- TRUNCATE fires no row trigger and is a privilege of its own: refused once per statement, for every role.
        create or replace trigger ledger_no_truncate before truncate on {Events}
            for each statement execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_no_truncate before truncate on {Leaves}
            for each statement execute function {schema.Name}.ledger_refuse_rewrite();
        create or replace trigger ledger_no_truncate before truncate on {Checkpoints}
            for each statement execute function {schema.Name}.ledger_refuse_rewrite();

        -- Every field written out in place (no helper function): PostgreSQL then inlines merkle_leaf_hash into the
        -- sealing statement, where a call per field cost about 0.2 ms per write in planning alone.
        drop function if exists {schema.Name}.merkle_leaf_field(text);
        create or replace function {schema.Name}.merkle_leaf_hash(e {Events}) returns bytea
            language sql stable parallel safe as $$
            select sha256('\x00'::bytea
                || {Field($"'{LeafRecord.Format}'")}
                || {Field("e.id::text")}
                || {Field("e.seq_id::text")}
                || {Field("e.stream_id::text")}
                || {Field("e.version::text")}
                || {Field("e.type::text")}
                || {Field("e.tenant_id::text")}
                || {Field("to_char(e.timestamp at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")}
                || {Field("e.correlation_id::text")}
                || {Field("e.causation_id::text")}
                || {Field("e.user_name::text")}
                || {Field("e.headers::text")}
                || {Field("e.data::text")})
        $$;
        """;
}
