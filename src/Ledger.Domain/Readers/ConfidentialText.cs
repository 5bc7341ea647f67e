namespace Ledger.Domain.Readers;

/// <summary>
/// One field of a kind of fact that is confidential text when the fact belongs to a confidential directive
/// (product.md 11), and the form it has, which decides how it reads when withheld.
/// </summary>
public sealed record ConfidentialText(string Field, TextForm Form)
{
    public static readonly IReadOnlyList<ConfidentialText> None = [];

    public static ConfidentialText Text(string field) => new(field, TextForm.Text);

    public static ConfidentialText Texts(string field) => new(field, TextForm.Texts);

    public static ConfidentialText Documents(string field) => new(field, TextForm.Documents);

    /// <summary>A correction's new value: confidential when the field it replaces is.</summary>
    public static ConfidentialText CorrectedValue(string field) => new(field, TextForm.CorrectedValue);
}

public enum TextForm
{
    /// <summary>One string, withheld as the marker.</summary>
    Text,

    /// <summary>A list of strings, each withheld as the marker (how many there were is an effect).</summary>
    Texts,

    /// <summary>Source documents: titles and URIs withheld, SHA-256 hashes kept so evidence can still be matched.</summary>
    Documents,

    /// <summary>The value of a correction, withheld in the form of the field it corrects.</summary>
    CorrectedValue,
}
