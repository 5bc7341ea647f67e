namespace Ledger.Api.Feed.Delivering.Webhooks;

/// <summary>
/// A webhook's host is, or resolves to, an address <see cref="WebhookDestinations"/> refuses. Its message names no
/// address: it ends up as the failure category <see cref="DeliveryFailure.AddressNotAllowed"/>, never as text.
/// </summary>
public sealed class WebhookAddressNotAllowedException() : Exception("the webhook's host resolves to an address that is not allowed");
