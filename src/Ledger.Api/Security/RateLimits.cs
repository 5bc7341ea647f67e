using System.Globalization;
using System.Threading.RateLimiting;
using Ledger.Api.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Ledger.Api.Security;

/// <summary>
/// <c>Ledger:RateLimit</c>: a token bucket per client and per <see cref="RequestCost"/>, so a client that spends its
/// budget of heavy requests (a verify or an export reads the whole ledger) can still read, and one that floods reads
/// can still write. A client is the token's subject when it has a valid one, and its address otherwise, so forged or
/// missing tokens are limited too; behind a proxy the address is the forwarded one only when the proxy is listed in
/// <c>Ledger:KnownProxies</c> (<see cref="ForwardedClients"/>). Health probes are never limited.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddLedgerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!settings.Enabled || http.Request.Path.StartsWithSegments("/health"))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                var cost = RequestCosts.Of(http);
                var budget = settings.For(cost);
                return RateLimitPartition.GetTokenBucketLimiter($"{cost}:{Client(http)}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, budget.Burst),
                    TokensPerPeriod = Math.Max(1, budget.Permits),
                    ReplenishmentPeriod = budget.Period > TimeSpan.Zero ? budget.Period : TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var cost = RequestCosts.Of(context.HttpContext).ToString().ToLowerInvariant();
                return new ValueTask(Problems.Result(429, "rate-limited", "", $"too many {cost} requests from this client; retry after {seconds} s")
                    .ExecuteAsync(context.HttpContext));
            };
        });
        return services;
    }

    private static string Client(HttpContext http) =>
        http.User.Subject() is { } subject ? $"sub:{subject}" : $"ip:{http.Connection.RemoteIpAddress}";
}
