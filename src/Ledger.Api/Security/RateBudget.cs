namespace Ledger.Api.Security;

/// <summary>A token bucket: <see cref="Permits"/> every <see cref="Period"/>, at most <see cref="Burst"/> saved up.</summary>
internal sealed class RateBudget
{
    public int Permits { get; set; }

    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    public int Burst { get; set; }
}
