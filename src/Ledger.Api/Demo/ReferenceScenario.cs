using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Api.Demo;

/// <summary>
/// Product.md section 9 as the sequence of public API requests that records it. One definition, used by
/// <c>ops/run --demo</c> and by the end-to-end tests, so the demo is exactly what the tests check.
/// </summary>
internal static class ReferenceScenario
{
    public sealed record Request(string Method, string Path, JsonObject Body);

    /// <summary>Section 9 as it states it: two models, the provider, three vetted organisations and one that is not.</summary>
    public static IReadOnlyList<Request> Requests() => Load("reference-scenario.json");

    /// <summary>
    /// The rest of the easing's story at its scale (product.md section 12): 100 further critical-infrastructure operators
    /// and defenders, registered with their sectors, vetted through the easing's annex as its authority published it,
    /// and restored by the provider. Recorded after <see cref="Requests"/>, it leaves every cell section 9 names as it is.
    /// </summary>
    public static IReadOnlyList<Request> Annex() => Load("reference-scenario-annex.json");

    /// <summary>What <c>ops/run --demo</c> records: section 9, then the annex.</summary>
    public static IReadOnlyList<Request> Demo() => [.. Requests(), .. Annex()];

    private static List<Request> Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Ledger.Api.Demo.{name}")
                           ?? throw new InvalidOperationException($"{name} is not embedded in the assembly");
        return JsonSerializer.Deserialize<List<Request>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
