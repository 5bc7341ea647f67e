using System.Text.Json;

namespace Ledger.Domain.Tests.Support;

/// <summary>Facts as a client would propose them, with the fields a test does not care about filled in.</summary>
public static class Make
{
    public const string NewYork = "America/New_York";

    private static readonly SourceDocument Letter = new(new string('a', 64), "Letter to the provider");

    public static ModelRegistered Model(string modelId) => new(modelId, modelId.ToUpperInvariant());

    public static OrganizationRegistered Organization(string organizationId, bool addressee = false, params string[] sectors) =>
        new(organizationId, organizationId, "US", true, sectors, addressee);

    public static DirectiveIssued Directive(
        string directiveId, string[] models, PersonScope persons, DateTimeOffset effectiveAt,
        DateTimeOffset? receivedAt = null, string zone = NewYork) =>
        new(directiveId, $"BIS letter {directiveId}", "US Department of Commerce, BIS",
            ["15 CFR 744.22", "50 U.S.C. 4817(b)(1)"], DirectiveKind.Letter, "email", null, false,
            new DirectiveScope(models, persons, ["model-access"]), effectiveAt, receivedAt ?? effectiveAt, zone, [Letter], [], null);

    public static DirectiveAmended Amendment(
        string directiveId, string amendmentId, string[] models, PersonScope persons, DateTimeOffset effectiveAt,
        DateTimeOffset? receivedAt = null) =>
        new(directiveId, amendmentId, new DirectiveScope(models, persons, ["model-access"]), effectiveAt,
            receivedAt ?? effectiveAt, NewYork, [Letter]);

    public static EasingGranted Easing(
        string directiveId, string easingId, string[] models, DateTimeOffset effectiveAt,
        bool listed = true, bool addressee = true, DateTimeOffset? receivedAt = null) =>
        new(directiveId, easingId, models, listed, addressee, ["critical-infrastructure operators only"], effectiveAt,
            receivedAt ?? effectiveAt, NewYork, [Letter]);

    public static DirectiveRescinded Rescission(
        string directiveId, string rescissionId, string[]? models, DateTimeOffset effectiveAt, DateTimeOffset? receivedAt = null) =>
        new(directiveId, rescissionId, models, effectiveAt, receivedAt ?? effectiveAt, NewYork, [Letter]);

    public static OrganizationVetted Vetting(
        string organizationId, string vettingId, string easingId, DateTimeOffset effectiveAt,
        VettingOutcome outcome = VettingOutcome.Approved, DateTimeOffset? expiresAt = null) =>
        new(organizationId, vettingId, easingId, outcome, "compliance@provider", ["operates critical infrastructure"], effectiveAt, expiresAt);

    public static VettingRevoked Revocation(string organizationId, string vettingId, DateTimeOffset effectiveAt) =>
        new(organizationId, vettingId, effectiveAt, "no longer operates critical infrastructure");

    public static AccessSuspended Suspension(
        string suspensionId, string modelId, string organizationId, DateTimeOffset effectiveAt, params PersonClass[] classes) =>
        new(suspensionId, modelId, organizationId, Classes(classes), effectiveAt, "cannot verify nationality");

    public static AccessRestored Restoration(
        string restorationId, string modelId, string organizationId, DateTimeOffset effectiveAt, params PersonClass[] classes) =>
        new(restorationId, modelId, organizationId, Classes(classes), null, effectiveAt);

    public static AccessRestored Restoration(
        string restorationId, string modelId, string organizationId, string easingId, DateTimeOffset effectiveAt, params PersonClass[] classes) =>
        new(restorationId, modelId, organizationId, Classes(classes), easingId, effectiveAt);

    public static CorrectionRecorded Correction(string correctionId, string eventId, string field, object? value) =>
        new(correctionId, eventId, "", field, JsonSerializer.SerializeToElement(value), "recorded in error");

    public static CorrectionRecorded Correction(string correctionId, string eventId, string field, DateTimeOffset value) =>
        Correction(correctionId, eventId, field, (object)Json.Rfc3339InstantConverter.Format(value.ToUniversalTime()));

    private static PersonClass[] Classes(PersonClass[] classes) =>
        classes.Length == 0 ? [PersonClass.UsPerson, PersonClass.ForeignPerson] : classes;
}
