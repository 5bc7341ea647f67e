using System.Text.RegularExpressions;

namespace Ledger.Domain.Vocabulary;

/// <summary>
/// One id namespace for every kind of fact (product.md 10.1): readable, client-chosen, and never <c>*</c>,
/// which stands for "everyone not registered".
/// </summary>
public static partial class FactIds
{
    public const string Everyone = "*";

    // \z, not $: $ also matches before a final newline, which would let "id\n" through into a stream name or a path.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>A revocation has no id of its own; it is named after the vetting it revokes.</summary>
    public static string Revocation(string vettingId) => $"{vettingId}:revocation";

    /// <summary>Suspensions and restorations of one model share a stream, apart from the model's registration.</summary>
    public static string AccessStream(string modelId) => $"access:{modelId}";
}
