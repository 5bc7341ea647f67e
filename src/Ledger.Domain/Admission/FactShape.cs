using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Admission;

/// <summary>The 400 checks of each kind of fact: everything that can be judged from the fact alone.</summary>
public static class FactShape
{
    public static Violation? Of(ILedgerFact fact, DateTimeOffset now) => fact switch
    {
        ModelRegistered m => Shape.Id("modelId", m.ModelId) ?? Shape.Text("name", m.Name),
        OrganizationRegistered o =>
            Shape.Id("organizationId", o.OrganizationId)
            ?? Shape.Text("name", o.Name)
            ?? Shape.Country("country", o.Country)
            ?? Shape.Sectors("sectors", o.Sectors),
        DirectiveIssued d =>
            Shape.Id("directiveId", d.DirectiveId)
            ?? Shape.Text("reference", d.Reference)
            ?? Shape.Text("issuer", d.Issuer)
            ?? Shape.Texts("authorities", d.Authorities)
            ?? Shape.Text("channel", d.Channel)
            ?? Shape.OptionalText("rationale", d.Rationale)
            ?? Scope("scope", d.Scope)
            ?? Shape.Instant("effectiveAt", d.EffectiveAt, now)
            ?? Shape.Received(d.ReceivedAt, d.ReceivedTimeZone, now)
            ?? Shape.Documents("documents", d.Documents),
        DirectiveAmended a =>
            Shape.Id("directiveId", a.DirectiveId)
            ?? Shape.Id("amendmentId", a.AmendmentId)
            ?? Scope("scope", a.Scope)
            ?? Shape.Instant("effectiveAt", a.EffectiveAt, now)
            ?? Shape.Received(a.ReceivedAt, a.ReceivedTimeZone, now)
            ?? Shape.Documents("documents", a.Documents),
        EasingGranted e =>
            Shape.Id("directiveId", e.DirectiveId)
            ?? Shape.Id("easingId", e.EasingId)
            ?? Shape.Ids("models", e.Models)
            ?? Shape.Texts("conditions", e.Conditions)
            ?? Shape.Instant("effectiveAt", e.EffectiveAt, now)
            ?? Shape.Received(e.ReceivedAt, e.ReceivedTimeZone, now)
            ?? Shape.Documents("documents", e.Documents),
        DirectiveRescinded r =>
            Shape.Id("directiveId", r.DirectiveId)
            ?? Shape.Id("rescissionId", r.RescissionId)
            ?? (r.Models is null ? null : Shape.Ids("models", r.Models))
            ?? Shape.Instant("effectiveAt", r.EffectiveAt, now)
            ?? Shape.Received(r.ReceivedAt, r.ReceivedTimeZone, now)
            ?? Shape.Documents("documents", r.Documents),
        OrganizationVetted v =>
            Shape.Id("organizationId", v.OrganizationId)
            ?? Shape.Id("vettingId", v.VettingId)
            ?? Shape.Id("easingId", v.EasingId)
            ?? Shape.Text("vettedBy", v.VettedBy)
            ?? Shape.Texts("criteria", v.Criteria)
            ?? Shape.Instant("effectiveAt", v.EffectiveAt, now)
            ?? Shape.Instant("expiresAt", v.ExpiresAt, now),
        VettingRevoked r =>
            Shape.Id("organizationId", r.OrganizationId)
            ?? Shape.Id("vettingId", r.VettingId)
            ?? Shape.Instant("effectiveAt", r.EffectiveAt, now)
            ?? Shape.Text("reason", r.Reason, Shape.MaxText),
        AccessSuspended s =>
            Shape.Id("suspensionId", s.SuspensionId)
            ?? Shape.Id("modelId", s.ModelId)
            ?? Shape.OrganizationOrEveryone("organizationId", s.OrganizationId)
            ?? Shape.PersonClasses("personClasses", s.PersonClasses)
            ?? Shape.Instant("effectiveAt", s.EffectiveAt, now)
            ?? Shape.Text("reason", s.Reason, Shape.MaxText),
        AccessRestored r =>
            Shape.Id("restorationId", r.RestorationId)
            ?? Shape.Id("modelId", r.ModelId)
            ?? Shape.OrganizationOrEveryone("organizationId", r.OrganizationId)
            ?? Shape.PersonClasses("personClasses", r.PersonClasses)
            ?? (r.EasingId is null ? null : Shape.Id("easingId", r.EasingId))
            ?? Shape.Instant("effectiveAt", r.EffectiveAt, now),
        CorrectionRecorded c =>
            Shape.Id("correctionId", c.CorrectionId)
            ?? (c.EventId.EndsWith(":revocation", StringComparison.Ordinal)
                ? Shape.Id("eventId", c.EventId[..^":revocation".Length])
                : Shape.Id("eventId", c.EventId))
            ?? Shape.Text("field", c.Field, 128)
            ?? Shape.Text("reason", c.Reason, Shape.MaxText),
        _ => Violation.Malformed("unknown-fact", "", $"{fact.GetType().Name} is not a fact the ledger records"),
    };

    private static Violation? Scope(string field, DirectiveScope scope) =>
        Shape.Ids($"{field}.models", scope.Models) ?? Shape.Texts($"{field}.activities", scope.Activities);
}
