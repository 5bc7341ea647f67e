using System.Globalization;
using System.Threading.RateLimiting;
using Ledger.Api.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Ledger.Api.Security;

/// <summary>
/// <c>Ledger:RateLimit</c>: a token bucket per client, keyed by the token's subject when it has a valid one and by
/// its address otherwise, so forged or missing tokens are limited too. Generous by default: it stops floods, not
/// clients. Health probes are never limited. Behind a proxy, forward the client address (ForwardedHeaders) first.
/// </summary>
internal sealed class RateLimitSettings
{
    public const string Section = "Ledger:RateLimit";

    public bool Enabled { get; set; } = true;

    public int PermitsPerSecond { get; set; } = 1000;

    public int Burst { get; set; } = 2000;
}

internal static class RateLimits
{
    public static IServiceCollection AddLedgerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                !settings.Enabled || http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter(Client(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(1, settings.Burst),
                        TokensPerPeriod = Math.Max(1, settings.PermitsPerSecond),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problems.Result(429, "rate-limited", "", $"too many requests from this client; retry after {seconds} s")
                    .ExecuteAsync(context.HttpContext));
            };
        });
        return services;
    }

    private static string Client(HttpContext http) =>
        http.User.Subject() is { } subject ? $"sub:{subject}" : $"ip:{http.Connection.RemoteIpAddress}";
}
