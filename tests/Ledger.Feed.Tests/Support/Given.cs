using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Feed.Tests.Support;

/// <summary>Builds "given" state through the public API, with ids unique to one test so tests never collide.</summary>
public sealed class Given(HttpClient client)
{
    public string Run { get; } = Guid.NewGuid().ToString("N")[..8];

    public string Id(string name) => $"{name}-{Run}";

    public async Task<long> Post(string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["position"]!.GetValue<long>();
    }

    public Task<long> Model(string model) => Post("/api/models", new { modelId = model, name = model });

    public Task<long> Organization(string organization, bool addressee = false) => Post("/api/organizations", new
    {
        organizationId = organization, name = organization, country = "US", usPersonEntity = true,
        sectors = new[] { "energy" }, isAddressee = addressee,
    });

    public Task<long> Directive(
        string directive, string[] models, string effectiveAt, bool confidential = false, string? rationale = null, string[]? addressees = null) =>
        Post("/api/directives", new
        {
            directiveId = directive, reference = $"Secret letter {directive}", issuer = "BIS", authorities = new[] { "15 CFR 744.22" },
            kind = "letter", channel = "email", confidential, rationale, addressees = addressees ?? [],
            scope = new { models, persons = "foreign-persons", activities = new[] { "api" } },
            effectiveAt, receivedAt = effectiveAt, receivedTimeZone = "UTC",
            documents = new[] { new { sha256 = new string('a', 64), title = $"Letter {directive}", uri = "https://example.invalid/letter.pdf" } },
        });

    public Task<long> Suspension(string suspension, string model, string effectiveAt, string organization = "*", string[]? classes = null) =>
        Post("/api/access/suspensions", new
        {
            suspensionId = suspension, modelId = model, organizationId = organization,
            personClasses = classes ?? ["us-person", "foreign-person"], effectiveAt, reason = "test",
        });

    public Task<long> Restoration(string restoration, string model, string effectiveAt, string organization = "*", string[]? classes = null) =>
        Post("/api/access/restorations", new
        {
            restorationId = restoration, modelId = model, organizationId = organization,
            personClasses = classes ?? ["us-person", "foreign-person"], effectiveAt,
        });

    public static string In(TimeSpan offset) => (DateTimeOffset.UtcNow + offset).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
