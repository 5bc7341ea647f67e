using System.Text.Json;

namespace Ledger.Api.Access.Intervals;

/// <summary>Enum values as the ledger spells them on the wire and in its tables (<c>foreign-person</c>).</summary>
internal static class Kebab<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

    private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(pair => pair.Value, pair => pair.Key);

    public static string Name(TEnum value) => Names[value];

    public static TEnum Parse(string name) => Values[name];
}
