using System.Text.RegularExpressions;
using Ledger.Api.Security;
using Npgsql;

namespace Ledger.Security.Tests.Confidentiality;

/// <summary>
/// A confidential directive whose every text field (and that of every fact belonging to it: amendment, easing,
/// rescission, corrections) carries a canary string of its own, read through every surface a role may call. No
/// canary reaches a reader who is not cleared; compliance, auditors and the addressee's regulator find every one.
/// A new surface is read here as soon as it is mapped, because the surfaces are the live endpoints.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed partial class when_every_text_field_carries_a_canary(SecureLedger ledger) : IAsyncLifetime
{
    private readonly string run = Guid.NewGuid().ToString("N")[..10];
    private readonly Dictionary<string, string> canaries = [];
    private List<string> salts = [];
    private string directive = "", model = "", easing = "", amendment = "", rescission = "";
    private long before;

    public static IEnumerable<object?[]> Uncleared =>
    [
        [Roles.Regulator, "us-water-coop"],
        [Roles.Regulator, null],
        [Roles.Operations, null],
        [Roles.Operations, SecureLedger.Addressee],
        [Roles.Subscriber, null],
        [Roles.Subscriber, SecureLedger.Addressee],
    ];

    public static IEnumerable<object?[]> Cleared =>
    [
        [Roles.Compliance, null],
        [Roles.Auditor, null],
        [Roles.Regulator, SecureLedger.Addressee],
    ];

    [Theory, MemberData(nameof(Uncleared))]
    public async Task no_canary_reaches_a_reader_who_is_not_cleared(string role, string? org)
    {
        var read = 0;
        foreach (var (surface, reply) in await ReadEverySurface(role, org))
        {
            if (reply.Status != 200)
                continue;
            read++;
            // Whitespace out: a PDF's text wraps long words across lines, and no canary or salt holds any.
            var text = Whitespace().Replace(reply.Text, "");
            canaries.Values.Where(text.Contains).ShouldBeEmpty($"{role} ({org ?? "no org"}) reads confidential text in {surface}");
            salts.Where(text.Contains).ShouldBeEmpty($"{role} ({org ?? "no org"}) reads the salt of a confidential text in {surface}");
        }

        read.ShouldBeGreaterThan(0, $"{role} can read no surface at all, so this test would prove nothing");
    }

    [Theory, MemberData(nameof(Cleared))]
    public async Task the_cleared_find_every_canary(string role, string? org)
    {
        var seen = (await ReadEverySurface(role, org)).Where(r => r.Reply.Status == 200).Select(r => r.Reply.Text).ToList();
        canaries.Where(c => !seen.Any(text => text.Contains(c.Value))).Select(c => c.Key)
            .ShouldBeEmpty($"{role} ({org ?? "no org"}) cannot find these canaries anywhere");
        if (role != Roles.Compliance)
            salts.Where(salt => !seen.Any(text => text.Contains(salt)))
                .ShouldBeEmpty($"{role} ({org ?? "no org"}) cannot find these salts in the export, so the uncleared check of salts would prove nothing");
    }

    private async Task<IReadOnlyList<(string Surface, Reply Reply)>> ReadEverySurface(string role, string? org)
    {
        var token = ledger.Token(role, org: org);
        var replies = new List<(string, Reply)>();
        foreach (var (method, route) in Samples.Endpoints.Where(e => e.Method == "GET"))
        {
            var path = Path(route);
            // A report is read in every format it is served in; a PDF as its text (SecureLedger.Send).
            foreach (var format in route.StartsWith("/api/reports/", StringComparison.Ordinal) ? ReportFormats : [""])
            {
                var asked = format.Length == 0 ? path : $"{path}{(path.Contains('?') ? '&' : '?')}format={format}";
                replies.Add(($"GET {asked}", await ledger.Send("GET", asked, token)));
            }
        }

        replies.Add(("POST /api/access/check", await ledger.Send("POST", "/api/access/check", token,
            new JsonObject { ["modelId"] = model, ["organizationId"] = SecureLedger.Addressee, ["personClass"] = "foreign-person", ["asOf"] = "2026-08-05T00:00:00Z" })));
        return replies;
    }

    private string Path(string route)
    {
        var path = ParameterName().Replace(route, m => m.Groups[1].Value switch
        {
            "directiveId" => directive,
            "modelId" => model,
            "organizationId" => SecureLedger.Addressee,
            "easingId" => easing,
            "documentName" => "v1",
            _ => "unknown",
        });
        return path switch
        {
            "/api/feed" => $"/api/feed?after={before}&limit=1000",
            "/api/access-matrix" => $"/api/access-matrix?modelId={model}&asOf=2026-08-05T00:00:00Z",
            "/api/access-matrix/changes" => "/api/access-matrix/changes?from=2026-07-31T00:00:00Z&to=2026-08-12T00:00:00Z",
            "/api/reports/access-matrix" => $"/api/reports/access-matrix?modelId={model}&asOf=2026-08-05T00:00:00Z",
            _ => path,
        };
    }

    private static readonly string[] ReportFormats = ["json", "csv", "pdf"];

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private string Canary(string field) => canaries[field] = $"CANARY-{run}-{field}";

    private JsonArray Documents(string field) => new(new JsonObject
    {
        ["sha256"] = new string('c', 64), ["title"] = Canary($"{field}-title"), ["uri"] = $"https://canary.example/{Canary($"{field}-uri")}",
    });

    public async Task InitializeAsync()
    {
        (directive, model, easing, amendment, rescission) = ($"D-{run}", $"m-{run}", $"E-{run}", $"A-{run}", $"R-{run}");
        var (operations, compliance) = (ledger.Token(Roles.Operations), ledger.Token(Roles.Compliance));
        var other = $"m2-{run}";
        before = await Write(operations, "/api/models", new JsonObject { ["modelId"] = model, ["name"] = "Canary model" }) - 1;
        await Write(operations, "/api/models", new JsonObject { ["modelId"] = other, ["name"] = "Second canary model" });
        await Write(compliance, "/api/directives", new JsonObject
        {
            ["directiveId"] = directive, ["reference"] = Canary("reference"), ["issuer"] = "Issuer", ["authorities"] = new JsonArray("15 CFR 744.22"),
            ["kind"] = "letter", ["channel"] = "email", ["confidential"] = true, ["addressees"] = new JsonArray(SecureLedger.Addressee),
            ["rationale"] = Canary("rationale"),
            ["scope"] = new JsonObject { ["models"] = new JsonArray(model, other), ["persons"] = "foreign-persons", ["activities"] = new JsonArray() },
            ["effectiveAt"] = "2026-08-01T00:00:00Z", ["receivedAt"] = "2026-08-01T00:00:00Z", ["receivedTimeZone"] = "UTC",
            ["documents"] = Documents("directive-document"),
        });
        await Write(compliance, $"/api/directives/{directive}/amendments", new JsonObject
        {
            ["amendmentId"] = amendment,
            ["scope"] = new JsonObject { ["models"] = new JsonArray(model, other), ["persons"] = "all-persons", ["activities"] = new JsonArray() },
            ["effectiveAt"] = "2026-08-02T00:00:00Z", ["receivedAt"] = "2026-08-02T00:00:00Z", ["receivedTimeZone"] = "UTC",
            ["documents"] = Documents("amendment-document"),
        });
        await Write(compliance, $"/api/directives/{directive}/easings", new JsonObject
        {
            ["easingId"] = easing, ["models"] = new JsonArray(model), ["coversListedOrganizations"] = true, ["coversAddresseeForeignEmployees"] = true,
            ["conditions"] = new JsonArray(Canary("condition-1"), Canary("condition-2")),
            ["effectiveAt"] = "2026-08-03T00:00:00Z", ["receivedAt"] = "2026-08-03T00:00:00Z", ["receivedTimeZone"] = "UTC",
            ["documents"] = Documents("easing-document"),
        });
        await Write(compliance, $"/api/directives/{directive}/rescissions", new JsonObject
        {
            ["rescissionId"] = rescission, ["models"] = new JsonArray(model),
            ["effectiveAt"] = "2026-08-10T00:00:00Z", ["receivedAt"] = "2026-08-10T00:00:00Z", ["receivedTimeZone"] = "UTC",
            ["documents"] = Documents("rescission-document"),
        });

        await Correct(compliance, directive, "reference", Canary("corrected-reference"));
        await Correct(compliance, directive, "rationale", Canary("corrected-rationale"));
        await Correct(compliance, directive, "documents", Documents("corrected-directive-document"));
        await Correct(compliance, amendment, "documents", Documents("corrected-amendment-document"));
        await Correct(compliance, easing, "conditions", new JsonArray(Canary("corrected-condition")));
        await Correct(compliance, easing, "documents", Documents("corrected-easing-document"));
        await Correct(compliance, rescission, "documents", Documents("corrected-rescission-document"));
        // An effect is not withheld, but the reason given for correcting it is text of the directive.
        await Correct(compliance, rescission, "effectiveAt", JsonValue.Create("2026-08-11T00:00:00Z"));
        salts = await Salts(before);
    }

    private async Task Correct(string token, string eventId, string field, JsonNode value) =>
        await Write(token, "/api/corrections", new JsonObject
        {
            ["correctionId"] = $"C-{run}-{field}-{eventId}", ["eventId"] = eventId, ["field"] = field, ["value"] = value,
            ["reason"] = Canary($"reason-{field}-of-{eventId.Split('-')[0]}"),
        });

    private async Task<long> Write(string token, string path, JsonObject body)
    {
        var reply = await ledger.Send("POST", path, token, body);
        reply.Status.ShouldBe(201, $"POST {path}: {reply}");
        return reply.Json["position"]!.GetValue<long>();
    }

    /// <summary>The salts of every text recorded here (leaf/v2) that has a value: what ties a text to its commitment, as secret as the text.</summary>
    private async Task<List<string>> Salts(long after)
    {
        await using var connection = new NpgsqlConnection(SecureLedger.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select encode(s.salt, 'hex') from {ledger.Schema}.fact_salts s join {ledger.Schema}.mt_events e on e.seq_id = s.seq_id
            where s.seq_id > {after} and coalesce(jsonb_typeof(e.data -> s.field), 'null') <> 'null'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var found = new List<string>();
        while (await reader.ReadAsync())
            found.Add(reader.GetString(0));
        found.ShouldNotBeEmpty("every text field recorded here has a salt");
        return found;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
