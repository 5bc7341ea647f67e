namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>Delivery settings of webhook subscriptions, bound from <c>Ledger:Webhooks</c>.</summary>
internal sealed class WebhookOptions
{
    /// <summary>The wait before the second attempt; each further wait doubles, up to <see cref="MaxRetry"/>.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts per event before it is dead-lettered and delivery moves on to the next event.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Min(failedAttempts - 1, 30))));
}
