using System.Globalization;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// Processor time the PostgreSQL server has used so far, all its processes together: the postmaster's own time,
/// the time of the children it has reaped (connections that closed, pgbench's among them) and that of its live
/// children (backends, WAL writer, checkpointer), read from <c>/proc</c>. A difference of two readings is what the
/// server spent on the work between them, whoever asked for it.
/// </summary>
public sealed class PostgresCpu
{
    private readonly int _postmaster;

    private PostgresCpu(int postmaster) => _postmaster = postmaster;

    /// <summary>The server behind <paramref name="connectionString"/>, found as the parent of one of its backends; null off Linux.</summary>
    public static async Task<PostgresCpu?> Of(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return Stat(backend) is { } stat ? new PostgresCpu(int.Parse(stat[1], CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>
    /// Read again while the postmaster reaps a child during the reading: the child's time would then be in neither
    /// its own line nor yet in the postmaster's (a connection closing just as a run ends, pgbench's for one).
    /// </summary>
    public TimeSpan Total
    {
        get
        {
            while (true)
            {
                var before = Reaped();
                var live = 0L;
                foreach (var folder in Directory.EnumerateDirectories("/proc"))
                {
                    if (int.TryParse(Path.GetFileName(folder), out var pid) && Stat(pid) is { } child && child[1] == before.Pid)
                        live += Ticks(child, 11) + Ticks(child, 12);
                }

                if (Reaped() is var after && after.Ticks == before.Ticks)
                    return TimeSpan.FromSeconds((after.Ticks + live) / TicksPerSecond);
            }
        }
    }

    /// <summary>The postmaster's own time and that of the children it has reaped.</summary>
    private (string Pid, long Ticks) Reaped()
    {
        var postmaster = Stat(_postmaster) ?? throw new InvalidOperationException($"PostgreSQL (pid {_postmaster}) is gone");
        return (postmaster[0], Ticks(postmaster, 11) + Ticks(postmaster, 12) + Ticks(postmaster, 13) + Ticks(postmaster, 14));
    }

    /// <summary>USER_HZ, which Linux fixes at 100 for what /proc reports.</summary>
    private const double TicksPerSecond = 100;

    private static long Ticks(string[] stat, int field) => long.Parse(stat[field], CultureInfo.InvariantCulture);

    /// <summary>
    /// The fields of /proc/PID/stat after the command name, which may hold spaces and is put in parentheses: [0] is
    /// the pid itself, then [1] the parent, and from [11] utime, stime, cutime, cstime (proc(5) fields 14-17).
    /// </summary>
    private static string[]? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var afterName = text.LastIndexOf(')');
        var fields = text[(afterName + 2)..].Split(' ');
        return [pid.ToString(CultureInfo.InvariantCulture), .. fields[1..]];
    }
}
