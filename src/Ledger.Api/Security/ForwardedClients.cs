using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ledger.Api.Security;

/// <summary>
/// <c>Ledger:KnownProxies</c>: the addresses or CIDR networks of the proxies in front of the service. Only a request
/// whose connection comes from one of them has its <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> believed, so the
/// client address that rate limits anonymous callers is the real client behind the proxy, and nobody else can choose
/// it by sending the header. With no list the middleware is not installed at all, because ASP.NET Core's
/// <c>ForwardedHeadersMiddleware</c> with empty lists believes every sender.
/// </summary>
internal static class ForwardedClients
{
    public const string Section = "Ledger:KnownProxies";

    /// <summary>Believes forwarded headers from the known proxies, when there are any; call before authentication and rate limits.</summary>
    public static void UseLedgerForwardedHeaders(this WebApplication app)
    {
        if (app.Configuration.GetSection(Section).Get<List<string>>() is { Count: > 0 })
            app.UseForwardedHeaders();
    }

    public static IServiceCollection AddLedgerForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(Section).Get<List<string>>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                options.KnownIPNetworks.Add(Network(proxy));
            // Every hop is checked against the list, so a chain of known proxies may be as long as it is.
            options.ForwardLimit = null;
        });
        return services;
    }

    private static System.Net.IPNetwork Network(string proxy) =>
        proxy.Contains('/') ? System.Net.IPNetwork.Parse(proxy)
        : IPAddress.TryParse(proxy, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
        : throw new InvalidOperationException($"{Section} lists '{proxy}', which is neither an IP address nor a CIDR network");
}
