namespace Ledger.Domain.Vocabulary;

/// <summary>Which persons a directive's scope covers.</summary>
public enum PersonScope
{
    ForeignPersons,
    AllPersons,
}
