using System.Diagnostics;
using Ledger.Api.Access.Intervals;
using Ledger.Api.Ledger;
using Ledger.Domain.Knowledge;
using JasperFx;
using Marten;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// A ledger of its own schema in the benchmark's PostgreSQL: made by the service's own <c>db-apply</c> as the owner,
/// filled through Marten with the service's own store configuration, and its read model built with the service's
/// own projection code, both as the service's role. Only what no service does (dropping the schema, labelling it,
/// emptying the read model before a rebuild) runs as the owner.
/// </summary>
public sealed class BenchLedger(BenchSettings settings, string schemaName) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);

    private readonly NpgsqlDataSource _owner = NpgsqlDataSource.Create(settings.OwnerConnectionString);

    public LedgerSchema Schema { get; } = new(schemaName);

    /// <summary>Drops the schema and applies it afresh, as a new deployment's db-apply would.</summary>
    public async Task Recreate()
    {
        await using (var command = _owner.CreateCommand($"drop schema if exists {Schema.Name} cascade"))
            await command.ExecuteNonQueryAsync();
        await DbApply();
    }

    /// <summary>The service's own <c>db-apply</c> (beside the benchmark's build), with the roles a deployment gives it.</summary>
    private async Task DbApply()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ledger.Api.dll"), "db-apply"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__LedgerOwner"] = settings.OwnerConnectionString;
        start.Environment["ConnectionStrings__Ledger"] = settings.ConnectionString;
        start.Environment["Ledger__Schema"] = Schema.Name;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"db-apply of schema {Schema.Name} exited {process.ExitCode}:\n{await output}\n{await errors}");
    }

    /// <summary>Appends the facts in order, many per transaction: the fastest lawful way in, since the facts were already admitted.</summary>
    public async Task<TimeSpan> Append(IEnumerable<RecordedFact> facts, int batch, Action<int> progress)
    {
        using var store = DocumentStore.For(options =>
        {
            options.Connection(settings.ConnectionString);
            LedgerStore.Configure(options, Schema);
            // As in the service: db-apply made the tables, and the service's role could not.
            options.AutoCreateSchemaObjects = AutoCreate.None;
        });
        var watch = Stopwatch.StartNew();
        var pending = 0;
        var session = store.LightweightSession();
        session.LastModifiedBy = "bench";
        foreach (var fact in facts)
        {
            session.Events.Append(fact.Fact.StreamId, fact.Fact);
            if (++pending % batch != 0)
                continue;
            await session.SaveChangesAsync();
            await session.DisposeAsync();
            session = store.LightweightSession();
            session.LastModifiedBy = "bench";
            progress(pending);
        }

        await session.SaveChangesAsync();
        await session.DisposeAsync();
        progress(pending);
        return watch.Elapsed;
    }

    /// <summary>What the schema was filled with, as <see cref="Label(string)"/> left it once the filling was complete; null if never.</summary>
    public async Task<string?> Label()
    {
        await using var command = _dataSource.CreateCommand("select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Schema.Name });
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task Label(string label)
    {
        // Only the schema's owner may comment on it.
        await using var command = _owner.CreateCommand($"comment on schema {Schema.Name} is '{label.Replace("'", "''", StringComparison.Ordinal)}'");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// <see cref="Reconciled"/>: from the start of the build until the last fact was reconciled (PostgreSQL storing
    /// rows alongside); the rest of <see cref="Build"/> is PostgreSQL finishing the rows still live at the end.
    /// </summary>
    public sealed record Rebuilt(TimeSpan Read, TimeSpan Build, TimeSpan Reconciled, long Facts, long PeakWorkingSet);

    /// <summary>Reads the log back and builds the interval read model from scratch (folding the log as it goes), as a start-up would.</summary>
    public async Task<Rebuilt> Rebuild(IProgress<long> progress, Action<long>? total = null)
    {
        var table = new AccessIntervalSchema(_dataSource, Schema);
        // Emptying the read model is the owner's (the service's role may only append to it and close rows); db-apply made it.
        await using (var clear = _owner.CreateCommand($"truncate {table.Table}; truncate {table.Progress}"))
            await clear.ExecuteNonQueryAsync();

        // What came before (a generated history) must not count as the rebuild's memory.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var peak = new PeakWorkingSet();
        var watch = Stopwatch.StartNew();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var facts = await new LedgerLog(_dataSource, Schema).FactsAfter(0, connection, transaction, CancellationToken.None);
        var read = watch.Elapsed;
        var head = facts.Count > 0 ? facts[^1].Position : 0;
        total?.Invoke(head);
        watch.Restart();
        var reconciled = TimeSpan.Zero;
        var last = new ReportedProgress(position =>
        {
            // Progress<T> posts every report to the thread pool: a million of them would be measured too.
            if (position % 1000 == 0 || position == head)
                progress.Report(position);
            if (position == head)
                reconciled = watch.Elapsed;
        });
        await new AccessIntervalProjection(table).CatchUp(facts, 0, connection, transaction, last, CancellationToken.None);
        await transaction.CommitAsync();
        await table.Analyze(connection, CancellationToken.None);
        var build = watch.Elapsed;
        return new Rebuilt(read, build, reconciled, head, peak.Bytes);
    }

    /// <summary>Reported on the rebuild's own thread, unlike <see cref="Progress{T}"/>, so the instant of the last fact is exact.</summary>
    private sealed class ReportedProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>Every fact of the log, read back as the service reads it.</summary>
    public async Task<List<RecordedFact>> Facts()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await new LedgerLog(_dataSource, Schema).FactsAfter(0, connection, null, CancellationToken.None);
    }

    public async Task<long> IntervalRows()
    {
        await using var command = _dataSource.CreateCommand($"select count(*) from {Schema.Name}.access_intervals");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _owner.DisposeAsync();
    }
}
