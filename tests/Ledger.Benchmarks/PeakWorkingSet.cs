namespace Ledger.Benchmarks;

/// <summary>
/// The largest working set of this process while this lives, sampled every 50 ms. The process's own peak would
/// also count whatever ran before (generating a history), which is not what a rebuild needs.
/// </summary>
public sealed class PeakWorkingSet : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private long _bytes;

    public PeakWorkingSet() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public long Bytes
    {
        get
        {
            Sample();
            lock (_gate)
                return _bytes;
        }
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        lock (_gate)
            _bytes = Math.Max(_bytes, now);
    }

    public void Dispose() => _timer.Dispose();
}
