using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Admission;

/// <summary>
/// The 404 and 422 checks that several kinds of fact share: the records a fact names exist, and a directive it
/// acts on is in force and restricts the models it names (product.md section 4). Each answers the first
/// violation, or null.
/// </summary>
public static class Requires
{
    public static Violation? DirectiveRecorded(LedgerKnowledge known, string directiveId) =>
        known.Find<DirectiveIssued>(directiveId) is null
            ? Violation.NotFound("directive-not-found", "directiveId", $"no directive {directiveId} is recorded")
            : null;

    public static Violation? OrganizationRecorded(LedgerKnowledge known, string organizationId) =>
        known.Find<OrganizationRegistered>(organizationId) is null
            ? Violation.NotFound("organization-not-found", "organizationId", $"no organisation {organizationId} is registered")
            : null;

    public static Violation? InForce(DirectiveInForce directive) =>
        directive.InForce
            ? null
            : Violation.Broken("directive-not-in-force", "effectiveAt",
                directive.IsPending
                    ? $"directive {directive.Id} takes effect only at {Rfc(directive.Directive.EffectiveAt)}"
                    : $"directive {directive.Id} is rescinded by {Rfc(directive.At)}");

    /// <summary>Product.md 10.5: inside the scope version in force and not already rescinded.</summary>
    public static Violation? InsideScope(DirectiveInForce directive, IReadOnlyList<string> models, string rule, string why) =>
        models.Select((m, i) => directive.Restricts(m)
                ? null
                : Violation.Broken(rule, $"models[{i}]", $"{m} is not restricted by {directive.Id} at {Rfc(directive.At)}; {why}"))
            .FirstOrDefault(v => v is not null);

    public static Violation? Models(LedgerKnowledge known, string field, IReadOnlyList<string> models) =>
        models.Select((m, i) => Model(known, $"{field}[{i}]", m)).FirstOrDefault(v => v is not null);

    public static Violation? Model(LedgerKnowledge known, string field, string modelId) =>
        known.Find<ModelRegistered>(modelId) is null
            ? Violation.Broken("model-not-found", field, $"no model {modelId} is registered")
            : null;

    public static Violation? Organization(LedgerKnowledge known, string field, string organizationId) =>
        known.Find<OrganizationRegistered>(organizationId) is null
            ? Violation.Broken("organization-not-found", field, $"no organisation {organizationId} is registered")
            : null;

    /// <summary>A provider act names a registered organisation, or <c>*</c> for everyone.</summary>
    public static Violation? OrganizationOrEveryone(LedgerKnowledge known, string organizationId) =>
        organizationId == FactIds.Everyone || known.Find<OrganizationRegistered>(organizationId) is not null
            ? null
            : Violation.Broken("organization-not-found", "organizationId", $"no organisation {organizationId} is registered");

    public static string Rfc(DateTimeOffset instant) => Rfc3339InstantConverter.Format(instant.ToUniversalTime());
}
