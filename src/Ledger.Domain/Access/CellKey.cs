using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>One cell of the access matrix: a model, an organisation (or <c>*</c>) and a person class.</summary>
public readonly record struct CellKey(string ModelId, string OrganizationId, PersonClass PersonClass);
