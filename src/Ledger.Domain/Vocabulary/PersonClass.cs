namespace Ledger.Domain.Vocabulary;

/// <summary>EAR 772.1 person classes. A check may also ask about <see cref="Unknown"/>, which is never stored.</summary>
public enum PersonClass
{
    UsPerson,
    ForeignPerson,
    Unknown,
}
