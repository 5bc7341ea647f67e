using System.Security.Claims;
using Ledger.Api.Http;
using Ledger.Api.Security;

namespace Ledger.Api.Feed.Subscriptions;

/// <summary>
/// Which subscriptions a request may see or act on. A subscription is owned by the token subject that registered it
/// (issue 6: a subscriber "manages its own webhooks only"): a subscriber sees and changes only its own, an auditor
/// reads every one, and a change (replay, removal) is always limited to the caller's own, whatever its other roles.
/// Someone else's subscription answers 404 like one that does not exist, so ids do not leak through 403s.
/// </summary>
public sealed class SubscriptionScope
{
    private SubscriptionScope(string? owner) => Owner = owner;

    /// <summary>The owner the request is limited to; null for every subscription (an auditor reading).</summary>
    public string? Owner { get; }

    public static SubscriptionScope Everyone { get; } = new(null);

    public static SubscriptionScope OwnedBy(string owner) => new(owner ?? throw new ArgumentNullException(nameof(owner)));

    /// <summary>For reads: an auditor sees every subscription, anyone else its own. Null without an authenticated subject.</summary>
    public static SubscriptionScope? ForReading(ClaimsPrincipal user) =>
        user.Roles().Contains(Roles.Auditor) ? Everyone : ForChanging(user);

    /// <summary>For registrations and changes: the caller's own subscriptions only. Null without an authenticated subject.</summary>
    public static SubscriptionScope? ForChanging(ClaimsPrincipal user) =>
        user.Subject() is { } subject ? OwnedBy(subject) : null;

    /// <summary>The role matrix lets no anonymous caller reach a subscription endpoint; this is the answer if one ever did.</summary>
    public static IResult Unauthenticated() =>
        Problems.Result(401, "authentication-required", "Authorization", "subscriptions belong to an authenticated subject");
}
