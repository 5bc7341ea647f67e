using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain.Json;

/// <summary>
/// The one JSON dialect of the ledger: requests, stored facts and corrections all use it, so a value a client
/// may send is exactly a value the ledger may store. Strict on purpose: unknown members, nulls where a value is
/// required, numbers for enums and times without offsets are all refused.
/// </summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new Rfc3339InstantConverter());
        return options;
    }
}
