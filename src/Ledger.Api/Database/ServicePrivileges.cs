using Ledger.Api.Access.Intervals;
using Ledger.Api.Feed;
using Ledger.Api.Ledger;
using Ledger.Api.Feed.Subscriptions;

namespace Ledger.Api.Database;

/// <summary>
/// What the service's role may do, granted by the owner in db-apply, table by table: the least each table's use
/// needs, found by running the tests as that role. The role owns nothing, so it can neither grant, nor alter, nor
/// switch off a trigger; a table not named here (Marten's and Wolverine's own bookkeeping) is read and written freely.
/// </summary>
internal static class ServicePrivileges
{
    private const string ReadAppend = "select, insert";
    private const string ReadAppendAmend = "select, insert, update";
    private const string Full = "select, insert, update, delete";

    /// <summary>
    /// By table name within the ledger's schema. History is only ever appended; rows that a read model closes or a
    /// cursor advances are updated, never deleted; subscriptions are the only rows a caller removes.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Tables => new Dictionary<string, string>
    {
        ["mt_events"] = ReadAppend,
        ["merkle_leaves"] = ReadAppend,
        ["checkpoints"] = ReadAppend,
        ["fact_salts"] = ReadAppend,
        [FeedSchema.Events] = ReadAppend,
        // Marten bumps a stream's version on every append.
        ["mt_streams"] = ReadAppendAmend,
        // Rows are closed (recorded_to), never deleted.
        ["access_intervals"] = ReadAppendAmend,
        ["projection_progress"] = ReadAppendAmend,
        // Only db-apply records the hash the indexes were built with.
        ["access_interval_keys"] = "select",
        [FeedSchema.Cursors] = ReadAppendAmend,
        ["mt_doc_idempotencyrecord"] = ReadAppendAmend,
        [SubscriptionSchema.Subscriptions] = Full,
        [SubscriptionSchema.Deliveries] = Full,
    };

    /// <summary>Wolverine's transport schema: the PostgreSQL queue of access changes lives there.</summary>
    public const string QueueSchema = "wolverine_queues";

    /// <summary>
    /// The grants, idempotent: every privilege is revoked and granted again, so a table's privileges are exactly
    /// these whatever an earlier version granted. Default privileges cover what Wolverine creates after this
    /// script in the same db-apply (its envelope and node tables, its queues).
    /// </summary>
    public static string Script(LedgerSchema schema, string role)
    {
        var grantee = $"\"{role.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var named = string.Join(", ", Tables.Select(table => $"('{table.Key}', '{table.Value}')"));
        return $"""
            revoke all on schema {schema.Name} from public;
            grant usage on schema {schema.Name} to {grantee};
            create schema if not exists {QueueSchema};
            grant usage on schema {QueueSchema} to {grantee};
            alter default privileges in schema {schema.Name} grant {Full} on tables to {grantee};
            alter default privileges in schema {schema.Name} grant usage, select on sequences to {grantee};
            alter default privileges in schema {QueueSchema} grant {Full} on tables to {grantee};
            alter default privileges in schema {QueueSchema} grant usage, select on sequences to {grantee};
            do $grant$
            declare t record;
            begin
                for t in
                    select c.oid::regclass as name, coalesce(n.privileges, '{Full}') as privileges
                    from pg_class c
                    left join (values {named}) as n(name, privileges) on n.name = c.relname and c.relnamespace = '{schema.Name}'::regnamespace
                    where c.relkind in ('r', 'p') and c.relnamespace in ('{schema.Name}'::regnamespace, '{QueueSchema}'::regnamespace)
                loop
                    execute format('revoke all on %s from {grantee}', t.name);
                    execute format('grant %s on %s to {grantee}', t.privileges, t.name);
                end loop;
            end $grant$;
            grant usage, select on all sequences in schema {schema.Name} to {grantee};
            grant usage, select on all sequences in schema {QueueSchema} to {grantee};
            grant execute on function {AccessIntervalSchema.AnalyzerOf(schema)}() to {grantee};
            """;
    }
}
