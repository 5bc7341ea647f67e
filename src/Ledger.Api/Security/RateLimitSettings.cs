namespace Ledger.Api.Security;

/// <summary>
/// <c>Ledger:RateLimit</c>: one budget per <see cref="RequestCost"/>, each per client. The defaults let a person or an
/// integration work without noticing, and keep any one client well below what the machine serves (one write lock,
/// about a thousand appends a second on the reference machine; a verify or export reads every fact).
/// </summary>
internal sealed class RateLimitSettings
{
    public const string Section = "Ledger:RateLimit";

    public bool Enabled { get; set; } = true;

    public RateBudget Reads { get; set; } = new() { Permits = 200, Burst = 400 };

    public RateBudget Writes { get; set; } = new() { Permits = 50, Burst = 100 };

    public RateBudget Heavy { get; set; } = new() { Permits = 6, Period = TimeSpan.FromMinutes(1), Burst = 3 };

    public RateBudget For(RequestCost cost) => cost switch
    {
        RequestCost.Read => Reads,
        RequestCost.Write => Writes,
        _ => Heavy,
    };
}
