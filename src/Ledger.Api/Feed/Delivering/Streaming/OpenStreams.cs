namespace Ledger.Api.Feed.Delivering.Streaming;

/// <summary>
/// The SSE streams each token subject holds open in this process, at most <see cref="FeedOptions.MaxStreamsPerSubject"/>:
/// a stream is a reader of the feed for as long as it stays open, so one subscriber opening many would take the
/// database's and the service's time from everyone else. Counted per process: behind a balancer of n instances a
/// subject may hold up to n times as many.
/// </summary>
public sealed class OpenStreams(FeedOptions options)
{
    private readonly Dictionary<string, int> _open = [];

    /// <summary>Counts a stream for <paramref name="subject"/>; false, counting nothing, when it already holds its share.</summary>
    public bool TryOpen(string subject)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(subject);
            if (open >= options.MaxStreamsPerSubject)
                return false;
            _open[subject] = open + 1;
            return true;
        }
    }

    public void Close(string subject)
    {
        lock (_open)
        {
            if (_open[subject] == 1)
                _open.Remove(subject);
            else
                _open[subject]--;
        }
    }
}
