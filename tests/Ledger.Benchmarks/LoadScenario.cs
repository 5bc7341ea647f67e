using System.Net.Http.Json;

namespace Ledger.Benchmarks;

/// <summary>
/// The requests the load and soak scenarios send: provider acts and checks spread over the cells of a few models and
/// a set of organisations, so that no single cell gathers a history no real cell has (a provider suspends or restores
/// one organisation's access a handful of times, not thousands).
/// </summary>
public static class LoadScenario
{
    public const int Models = 8;
    public const int Organizations = 256;

    public static string Model(int index) => $"model-{index % Models}";

    public static string Organization(int index) => $"org-{index % Organizations:D3}";

    public static async Task Prepare(HttpClient http)
    {
        for (var m = 0; m < Models; m++)
            (await http.PostAsJsonAsync("/api/models", new { modelId = Model(m), name = Model(m) })).EnsureSuccessStatusCode();
        foreach (var id in Enumerable.Range(0, Organizations).Select(Organization))
            (await http.PostAsJsonAsync("/api/organizations", Registration(id))).EnsureSuccessStatusCode();
    }

    /// <summary>The body that registers an organisation (a US entity, no sectors).</summary>
    public static object Registration(string organizationId) =>
        new { organizationId, name = organizationId, country = "US", usPersonEntity = true, sectors = Array.Empty<string>() };

    /// <summary>
    /// Write number <paramref name="id"/>: a suspension or a restoration of a cell picked at random, effective a
    /// minute after the one before it, so cells gather histories over time as they would.
    /// </summary>
    public static (string Path, object Body) Write(int id)
    {
        var (model, organization) = (Model(Random.Shared.Next(Models)), Organization(Random.Shared.Next(Organizations)));
        var effectiveAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(id);
        return Random.Shared.Next(2) == 0
            ? ("/api/access/suspensions", new
            {
                suspensionId = $"S-{id}", modelId = model, organizationId = organization, personClasses = new[] { "foreign-person" }, effectiveAt, reason = "load",
            })
            : ("/api/access/restorations", new
            {
                restorationId = $"R-{id}", modelId = model, organizationId = organization, personClasses = new[] { "foreign-person" }, effectiveAt,
            });
    }

    public static object Check() => new
    {
        modelId = Model(Random.Shared.Next(Models)), organizationId = Organization(Random.Shared.Next(Organizations)), personClass = "foreign-person",
    };
}
