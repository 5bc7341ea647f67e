using Ledger.Api.Ledger;
using Ledger.Integrity.Leaves;
using Npgsql;

namespace Ledger.Api.Integrity;

/// <summary>
/// The integrity tables and the append-only guard, installed idempotently at startup after Marten's own schema.
/// <list type="bullet">
/// <item><c>merkle_leaves</c>: one row per ledger fact, leaf index -&gt; position and leaf hash, written in the
/// fact's own transaction, so an event row that PostgreSQL holds without a leaf was not written by the ledger.</item>
/// <item><c>checkpoints</c>: signed tree heads.</item>
/// <item>a trigger that refuses UPDATE and DELETE of rows in <c>mt_events</c>, <c>merkle_leaves</c> and
/// <c>checkpoints</c>, and the same privileges revoked from the service's role. <c>mt_streams</c> is left alone:
/// Marten updates a stream's version on every append.</item>
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

    public async Task Install(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The same lock as the writer: installing never races a write, and two instances never race each other.
        await LedgerWriter.Lock(connection, transaction, ct);
        await using (var owns = new NpgsqlCommand(
                         $"select pg_get_userbyid(relowner) = current_user from pg_class where oid = '{Events}'::regclass", connection, transaction))
        {
            if (await owns.ExecuteScalarAsync(ct) is not true)
            {
                // A deployment where another role owns the tables applies this schema as that role (see README.md).
                await using var present = new NpgsqlCommand($"select to_regclass('{Leaves}') is not null and to_regclass('{Checkpoints}') is not null", connection, transaction);
                if (await present.ExecuteScalarAsync(ct) is not true)
                    throw new InvalidOperationException($"the integrity tables are missing and this role does not own {Events} to create them");
                return;
            }
        }

        await using (var command = new NpgsqlCommand(Ddl(), connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>One field of <see cref="LeafRecord.CanonicalBytes"/>: 0x00 for null, else 0x01, the UTF-8 length (4 bytes, big-endian), the UTF-8.</summary>
    private static string Field(string text) =>
        $"(case when ({text}) is null then '\\x00'::bytea else '\\x01'::bytea || int4send(octet_length(convert_to({text}, 'UTF8'))) || convert_to({text}, 'UTF8') end)";

    /// <summary>The schema's DDL, for an owner role to apply by hand where the service's role does not own the tables.</summary>
    public string Script => Ddl();

    private string Ddl() => $"""
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
        revoke update, delete on {Events}, {Leaves}, {Checkpoints} from current_user;

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
