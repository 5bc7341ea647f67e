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
    private long _calls;

    public double MeanMilliseconds => _calls == 0 ? double.NaN : TimeSpan.FromTicks(Interlocked.Read(ref _ticks) / _calls).TotalMilliseconds;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Reset()
    {
        Interlocked.Exchange(ref _ticks, 0);
        Interlocked.Exchange(ref _calls, 0);
    }

    public async Task OnRecorded(Recorded recorded, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.OnRecorded(recorded, ct);
        Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
        Interlocked.Increment(ref _calls);
    }
}
