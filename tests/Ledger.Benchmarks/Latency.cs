namespace Ledger.Benchmarks;

/// <summary>Latency samples in milliseconds, summarised the way the issues ask: median and p99.</summary>
public sealed class Latency
{
    private readonly List<double> _samples = [];

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public int Count => _samples.Count;

    public double Median => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Percentile(double p)
    {
        if (_samples.Count == 0)
            return double.NaN;
        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
