namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// Wakes everything that follows the feed when new positions may be readable. Take <see cref="Next"/> before
/// reading, then await it: a pulse that lands while you read is never lost.
/// </summary>
public sealed class FeedSignal
{
    /// <summary>A wake-up that never comes, for a channel with none of its own.</summary>
    public static readonly Task Never = new TaskCompletionSource().Task;

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes on the pulse, or after <paramref name="timeout"/>; true when it was a pulse.</summary>
    public static async Task<bool> Wait(Task next, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await next.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
