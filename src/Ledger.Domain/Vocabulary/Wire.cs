namespace Ledger.Domain.Vocabulary;

/// <summary>How the vocabulary is spelled on the wire and in explanations.</summary>
public static class Wire
{
    public static string Name(PersonClass personClass) => personClass switch
    {
        PersonClass.UsPerson => "us-person",
        PersonClass.ForeignPerson => "foreign-person",
        _ => "unknown",
    };
}
