using System.Net;
using System.Net.Sockets;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// The HTTP handler webhooks are sent with. It resolves the host itself, checks every address it gets
/// (<see cref="WebhookDestinations"/>) and connects only to an address it checked, so a name that resolved outward at
/// registration and inward now (DNS rebinding) is refused at the moment of connecting. Redirects are not followed (a
/// 3xx is a failed delivery), since a receiver could otherwise point the service anywhere; proxies from the
/// environment are not used, since the check must judge the address actually connected to.
/// </summary>
internal static class WebhookConnections
{
    public static SocketsHttpHandler Handler(WebhookDestinations destinations) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,

        // A pooled connection stays on the address checked when it opened; renewing it lets a changed name be judged again.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await destinations.Resolve(context.DnsEndPoint.Host, ct);
            SocketException? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw last!;
        },
    };
}
