using System.Net;
using System.Net.Sockets;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// Where a webhook may be sent. A subscriber chooses the URL, so without these rules the service would POST wherever
/// it is told, including to itself, its database, its neighbours and the cloud's metadata service. Refused: schemes
/// other than https (http only with <see cref="WebhookOptions.AllowHttp"/>), userinfo in the URL, and any host with an
/// address that is loopback, private (RFC 1918, unique-local), link-local (cloud metadata lives there), CGNAT,
/// multicast, reserved or unspecified, in IPv4, IPv6 or IPv4-mapped IPv6, unless it lies in
/// <see cref="WebhookOptions.AllowedNetworks"/>. Checked at registration and again at every connection
/// (<see cref="WebhookConnections"/>), since the name may resolve elsewhere by then.
/// </summary>
public sealed class WebhookDestinations
{
    /// <summary>Why a URL may not be a webhook's target: a problem's rule and detail for the field <c>url</c>.</summary>
    public sealed record Refusal(string Rule, string Detail);

    private static readonly IPNetwork[] Inward =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private readonly IPNetwork[] _allowed;
    private readonly bool _allowHttp;

    internal WebhookDestinations(WebhookOptions options)
    {
        _allowHttp = options.AllowHttp;
        _allowed = [.. options.AllowedNetworks.Select(IPNetwork.Parse)];
    }

    /// <summary>The refusal of <paramref name="url"/> itself (scheme, userinfo) or of any address its host resolves to; null when it may be a target.</summary>
    public async Task<Refusal?> Check(Uri url, CancellationToken ct)
    {
        if (!(url.Scheme == Uri.UriSchemeHttps || (_allowHttp && url.Scheme == Uri.UriSchemeHttp)))
            return new Refusal("webhook-scheme-not-allowed", _allowHttp ? "url is an https or http URL" : "url is an https URL");
        if (url.UserInfo.Length > 0)
            return new Refusal("webhook-userinfo-not-allowed", "url carries no user name or password; authenticate deliveries by their signature");
        try
        {
            await Resolve(url.IdnHost, ct);
            return null;
        }
        catch (WebhookAddressNotAllowedException)
        {
            return new Refusal("webhook-address-not-allowed", "url's host is, or resolves to, a loopback, private, link-local or otherwise internal address");
        }
        catch (SocketException)
        {
            return new Refusal("webhook-host-unresolvable", "url's host does not resolve, so its addresses cannot be checked");
        }
    }

    /// <summary>Every address of <paramref name="host"/> (a name or a literal), once each has been checked; throws when any is not allowed.</summary>
    public async Task<IPAddress[]> Resolve(string host, CancellationToken ct)
    {
        host = host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0 || !addresses.All(Allows))
            throw new WebhookAddressNotAllowedException();
        return addresses;
    }

    public bool Allows(IPAddress address)
    {
        // ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address it carries.
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return _allowed.Any(n => n.Contains(address)) || !Inward.Any(n => n.Contains(address));
    }
}
