using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>What a directive restricts. Activities and channels are recorded as evidence, not evaluated.</summary>
public sealed record DirectiveScope(IReadOnlyList<string> Models, PersonScope Persons, IReadOnlyList<string> Activities)
{
    public bool Covers(PersonClass personClass) =>
        Persons == PersonScope.AllPersons || personClass == PersonClass.ForeignPerson;
}
