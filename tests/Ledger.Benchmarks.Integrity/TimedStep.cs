using System.Diagnostics;
using Ledger.Api.Ledger;

namespace Ledger.Benchmarks.Integrity;

/// <summary>
/// Wraps the sealing step in place (same position among the steps) and adds up the time spent in it: a direct
/// measure of what sealing adds to each write, taken on the very writes whose latency is measured.
/// </summary>
public sealed class TimedStep(IRecordingStep inner) : IRecordingStep
{
    private long _ticks;
    private long _facts;

    public double MeanMilliseconds => _facts == 0 ? double.NaN : TimeSpan.FromTicks(Interlocked.Read(ref _ticks) / _facts).TotalMilliseconds;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Reset()
    {
        Interlocked.Exchange(ref _ticks, 0);
        Interlocked.Exchange(ref _facts, 0);
    }

    public async Task OnRecorded(RecordedGroup group, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.OnRecorded(group, ct);
        Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
        Interlocked.Add(ref _facts, group.Facts.Count);
    }
}
