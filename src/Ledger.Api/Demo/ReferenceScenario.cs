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

    public static IReadOnlyList<Request> Requests()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ledger.Api.Demo.reference-scenario.json")
                           ?? throw new InvalidOperationException("the reference scenario is not embedded in the assembly");
        return JsonSerializer.Deserialize<List<Request>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
