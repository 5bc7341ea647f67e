using System.Collections.Concurrent;

namespace Ledger.Feed.Tests.Support;

/// <summary>Values gathered by background tasks, with a wait that is woken by each new value instead of polling.</summary>
public sealed class Observed<T>
{
    private readonly ConcurrentQueue<T> _values = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> All => _values.ToList();

    public int Count => _values.Count;

    public void Add(T value)
    {
        _values.Enqueue(value);
        Interlocked.Exchange(ref _added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async Task WaitUntil(Func<IReadOnlyList<T>, bool> condition, CancellationToken ct)
    {
        while (true)
        {
            var added = Volatile.Read(ref _added).Task;
            if (condition(All))
                return;
            await added.WaitAsync(ct);
        }
    }
}
