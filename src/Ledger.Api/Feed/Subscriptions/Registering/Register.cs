using System.Text.RegularExpressions;
using Ledger.Api.Feed.Filtering;
using Ledger.Api.Feed.Reading;
using Ledger.Api.Ledger;
using Ledger.Api.Http;
using Ledger.Api.Security;
using Ledger.Api.Feed.Delivering.Webhooks;
using Ledger.Domain.Vocabulary;
using Wolverine.Http;

namespace Ledger.Api.Feed.Subscriptions.Registering;

/// <summary>
/// A webhook subscription: where to POST, which CloudEvent types (<c>*</c> for all), the <c>whsec_</c> secret the
/// deliveries are signed with, and optionally the position after which delivery starts (default: the feed's head,
/// so only what is recorded from now on; 0 for the whole ledger). The subscription belongs to the caller: its owner is
/// the token subject, never anything in the body. The URL must be a destination the service may reach
/// (<see cref="WebhookDestinations"/>), and a subject holds at most <see cref="WebhookOptions.MaxSubscriptionsPerSubject"/>
/// subscriptions: over that is a 409, not a 429, because waiting changes nothing; removing one does. <c>modelIds</c> and
/// <c>organizationIds</c> (at most 100 each, registered ones; <c>*</c> for everyone not registered) limit it to some cells.
/// </summary>
public sealed record RegisterSubscription(
    string Url, IReadOnlyList<string> EventTypes, string Secret, string? SubscriptionId = null, long? After = null,
    IReadOnlyList<string>? ModelIds = null, IReadOnlyList<string>? OrganizationIds = null);

public static partial class RegisterEndpoint
{
    [GeneratedRegex(@"^(\*|[a-z0-9][a-z0-9.-]{0,127})\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventType();

    [WolverinePost("/api/subscriptions", OperationId = "registerSubscription")]
    [Tags("Subscriptions"), EndpointSummary("Register a webhook for some CloudEvent types of the feed")]
    public static async Task<IResult> Post(
        RegisterSubscription command, SubscriptionStore store, FeedReader feed, SubscriptionSignal changed, WebhookDestinations destinations,
        WebhookOptions options, TimeProvider clock, LedgerLog log, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (http.User.Subject() is not { } owner)
            return SubscriptionScope.Unauthenticated();
        if (command.SubscriptionId is { } chosen && !FactIds.IsValid(chosen))
            return Problems.Result(400, "invalid-id", "subscriptionId", "an id matches [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
        if (!Uri.TryCreate(command.Url, UriKind.Absolute, out var url))
            return Problems.Result(400, "invalid-webhook-url", "url", "url is an absolute https URL");
        if (command.EventTypes.Count == 0 || command.EventTypes.Any(t => !EventType().IsMatch(t)))
            return Problems.Result(400, "invalid-event-types", "eventTypes", "eventTypes lists CloudEvent types such as ledger.access.changed.v1, or * for all");
        if (!WebhookSignature.IsSecret(command.Secret))
            return Problems.Result(400, "invalid-webhook-secret", "secret", "secret is whsec_ followed by the base64 of 24 to 64 random bytes");

        var (filter, refused) = FeedFilter.Of(
            command.ModelIds ?? [], command.OrganizationIds ?? [], (await log.Current(ct)).Knowledge, "modelIds", "organizationIds");
        if (refused is not null)
            return refused;

        if (await destinations.Check(url, ct) is { } refusal)
            return Problems.Result(400, refusal.Rule, "url", refusal.Detail);

        var head = await feed.Head(ct);
        if (command.After is < 0 || command.After > head)
            return Problems.Result(400, "invalid-cursor", "after", $"after is a position from 0 to the feed's head, {head}");

        var subscription = new Subscription(
            command.SubscriptionId ?? $"sub-{Guid.CreateVersion7():N}", url.ToString(), command.EventTypes.Distinct().ToList(), command.Secret,
            clock.GetUtcNow(), command.After ?? head, int.MaxValue, owner, null, filter.ModelIds, filter.OrganizationIds);
        switch (await store.Add(subscription, options.MaxSubscriptionsPerSubject, ct))
        {
            case SubscriptionStore.Change.IdTaken:
                return Problems.Result(409, "duplicate-id", "subscriptionId", $"you already have a subscription {subscription.Id}");
            case SubscriptionStore.Change.LimitReached:
                return Problems.Result(409, "subscription-limit", "owner",
                    $"a subscriber holds at most {options.MaxSubscriptionsPerSubject} subscriptions; remove one to register another");
        }

        changed.Pulse();
        return Results.Created($"/api/subscriptions/{subscription.Id}", await SubscriptionView.Of(subscription, SubscriptionScope.OwnedBy(owner), store, ct));
    }
}
