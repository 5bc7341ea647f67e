using System.Diagnostics;

namespace Ledger.Benchmarks;

/// <summary>Latency samples in milliseconds, summarised the way the issues ask: median and p99.</summary>
public sealed class Latency
{
    private readonly List<double> _samples = [];

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public int Count => _samples.Count;

    public double Median => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>The largest answer's size, in bytes, of the requests measured by <see cref="Of"/>.</summary>
    public long Bytes { get; private set; }

    public double Percentile(double p)
    {
        if (_samples.Count == 0)
            return double.NaN;
        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Sends <paramref name="warmUps"/> requests unmeasured (each must succeed), then <paramref name="queries"/> measured
    /// one after another, each timed until its whole answer is read.
    /// </summary>
    public static async Task<Latency> Of(HttpClient client, int queries, Func<HttpRequestMessage> request, int warmUps = 50)
    {
        for (var i = 0; i < warmUps; i++)
        {
            using var warmUp = request();
            using var answer = await client.SendAsync(warmUp);
            if (!answer.IsSuccessStatusCode)
                throw new InvalidOperationException($"{warmUp.Method} {warmUp.RequestUri}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        var latency = new Latency();
        for (var i = 0; i < queries; i++)
        {
            using var message = request();
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsByteArrayAsync();
            latency.Add(watch.Elapsed);
            latency.Bytes = Math.Max(latency.Bytes, body.Length);
            response.EnsureSuccessStatusCode();
        }

        return latency;
    }
}
