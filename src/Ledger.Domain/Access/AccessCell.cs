using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>One cell of the access matrix: model x organisation (or <c>*</c>) x person class.</summary>
public sealed record AccessCell(
    string ModelId,
    string OrganizationId,
    PersonClass PersonClass,
    LegalState Legal,
    ProviderState Provider,
    Vocabulary.Access Access,
    DateTimeOffset? Since,
    IReadOnlyList<BasisEvent> Basis,
    string Explanation);
