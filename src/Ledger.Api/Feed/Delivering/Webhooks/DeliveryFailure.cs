using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// Why a delivery failed, as a subscriber sees it: a category, never an address or an exception's text, which would
/// tell a subscriber about the service's network (what resolves, what answers, what is refused) and about its code.
/// The exception itself goes to the service's log only.
/// </summary>
public static class DeliveryFailure
{
    public const string Timeout = "timeout";
    public const string Refused = "refused";
    public const string Unreachable = "unreachable";
    public const string Tls = "tls";
    public const string Protocol = "protocol";
    public const string HttpStatus = "http-status";
    public const string Redirect = "redirect";
    public const string AddressNotAllowed = "address-not-allowed";

    /// <summary>What a delivery log stored before failures were categories (free text) is shown as.</summary>
    public const string Unclassified = "unclassified";

    private static readonly HashSet<string> Categories = [Timeout, Refused, Unreachable, Tls, Protocol, HttpStatus, Redirect, AddressNotAllowed];

    /// <summary>The category of a receiver's answer that is not a 2xx.</summary>
    public static string Of(HttpStatusCode status) => (int)status is >= 300 and < 400 ? Redirect : HttpStatus;

    /// <summary>The category of a request that got no answer.</summary>
    public static string Of(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case WebhookAddressNotAllowedException:
                    return AddressNotAllowed;
                case AuthenticationException:
                    return Tls;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return Refused;
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return Timeout;
            }
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => Tls,
            HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError => Unreachable,
            _ => Protocol,
        };
    }

    /// <summary>A stored failure as it may be shown: a category, or <see cref="Unclassified"/> for older free text.</summary>
    public static string? Shown(string? stored) => stored is null ? null : Categories.Contains(stored) ? stored : Unclassified;
}
