namespace Ledger.Domain.Vocabulary;

public enum DirectiveKind
{
    Letter,
    Rule,
    Order,
    Verbal,
}
