namespace Ledger.Api.Feed.Delivering;

/// <summary>
/// Bounds how many database statements the delivery channels run at once (<see cref="FeedOptions.MaxDeliveryQueries"/>).
/// One commit wakes every SSE stream and webhook worker together; without a bound, hundreds of subscribers would each
/// take a pooled connection at that moment and writes and reads would queue behind them for one. With it, subscribers
/// queue behind each other, and a connection is held only for the statement, never between deliveries.
/// </summary>
public sealed class DeliveryGate(FeedOptions options)
{
    private readonly SemaphoreSlim _turns = new(options.MaxDeliveryQueries);

    public async Task<T> Run<T>(Func<Task<T>> statement, CancellationToken ct)
    {
        await _turns.WaitAsync(ct);
        try
        {
            return await statement();
        }
        finally
        {
            _turns.Release();
        }
    }

    public Task Run(Func<Task> statement, CancellationToken ct) => Run(async () =>
    {
        await statement();
        return true;
    }, ct);
}
