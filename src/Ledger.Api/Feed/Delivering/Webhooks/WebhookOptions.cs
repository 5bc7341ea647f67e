namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>Delivery settings of webhook subscriptions, bound from <c>Ledger:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The wait before the second attempt; each further wait doubles, up to <see cref="MaxRetry"/>.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts per event before it is dead-lettered and delivery moves on to the next event.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Plain http targets are refused unless this is set: a signed body in clear text is still readable on the way.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// CIDRs a deployment lets webhooks reach although they are private, loopback or link-local (its own receivers
    /// inside its network); everything else of that kind is refused (<see cref="WebhookDestinations"/>).
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Subscriptions one token subject may hold at once: each one is a worker and a share of the database.</summary>
    public int MaxSubscriptionsPerSubject { get; set; } = 10;

    /// <summary>Replays one token subject may have in flight (rewound and not yet caught up): each one re-reads the feed.</summary>
    public int MaxReplaysPerSubject { get; set; } = 1;

    /// <summary>
    /// The 256-bit key that encrypts webhook secrets in the database (<see cref="WebhookSecrets"/>), created on first
    /// use, mode 0600, beside the signing keys: a dump of the database alone does not give the secrets away.
    /// </summary>
    public string SecretKeyFile { get; set; } = ".local/keys/ledger-webhook-secrets.key";

    public TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Min(failedAttempts - 1, 30))));
}
