using Ledger.Api.Security;

namespace Ledger.Security.Tests.Hostile;

/// <summary>
/// The requests of the fuzz run: each kind built from a seed, so a failure can be replayed. Writes that are well
/// formed reuse ids the ledger already holds (one id namespace, so they can only be refused as duplicates),
/// except those sent with bad tokens or wrong roles, which carry fresh ids and would be written if let through.
/// </summary>
public sealed class Fuzz(SecureLedger ledger, int seed)
{
    public sealed record Request(string Kind, HttpMethod Method, string Path, string? Token, Func<HttpContent?> Content, Action<HttpRequestMessage>? Configure = null);

    private readonly Random random = new(seed);

    private static readonly string[] Fragments =
    [
        "' OR '1'='1", "'; DROP TABLE mt_events; --", "\"; SELECT pg_sleep(5); --", "1; DELETE FROM ledger.mt_events", "' UNION SELECT * FROM pg_shadow --",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "${jndi:ldap://x/a}", "{{7*7}}", "$(rm -rf /)", "`id`",
        "../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "\0", "\u202E", "𝕏 \uFFFF", "a\r\nX-Injected: 1", "null", "*", "-", ".", "a/b",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309",
        "0." + new string('0', 400) + "1", new string('9', 5000), "1E+99999", "-0", "NaN", "Infinity",
    ];

    private static readonly JsonNode?[] WrongTypes =
    [
        42, -1, 1.5, true, false, null, new JsonArray(), new JsonObject(), new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, "2026-13-45T99:99:99Z", "",
    ];

    /// <summary>Write requests that can only be refused: every id is one the ledger already holds.</summary>
    private static readonly (string Path, Func<JsonObject> Body)[] Duplicates =
    [
        ("/api/models", () => new JsonObject { ["modelId"] = "fable-5", ["name"] = "Fable 5" }),
        ("/api/organizations", () => new JsonObject
        {
            ["organizationId"] = "acme-analytics", ["name"] = "Acme", ["country"] = "US", ["usPersonEntity"] = true, ["sectors"] = new JsonArray("financial-services"),
        }),
        ("/api/directives", () => Samples.Directive(SecureLedger.Directive, confidential: true)),
        ($"/api/directives/{SecureLedger.Directive}/amendments", () => Retarget(Samples.Body("POST", "/api/directives/{directiveId}/amendments")!, "amendmentId")),
        ($"/api/directives/{SecureLedger.Directive}/easings", () => Retarget(Samples.Body("POST", "/api/directives/{directiveId}/easings")!, "easingId")),
        ($"/api/directives/{SecureLedger.Directive}/rescissions", () => Retarget(Samples.Body("POST", "/api/directives/{directiveId}/rescissions")!, "rescissionId")),
        ("/api/organizations/us-water-coop/vettings", () => Retarget(Samples.Body("POST", "/api/organizations/{organizationId}/vettings")!, "vettingId")),
        ("/api/organizations/acme-analytics/vettings/V-fuzz-rejected/revocations",
            () => new JsonObject { ["effectiveAt"] = "2026-06-28T00:00:00Z", ["reason"] = "only approved vettings can be revoked" }),
        ("/api/access/suspensions", () => Retarget(Samples.Body("POST", "/api/access/suspensions")!, "suspensionId")),
        ("/api/access/restorations", () => Retarget(Samples.Body("POST", "/api/access/restorations")!, "restorationId")),
        ("/api/corrections", () => Retarget(Samples.Body("POST", "/api/corrections")!, "correctionId")),
        ($"/api/easings/{SecureLedger.Easing}/annex", () =>
        {
            var annex = Samples.Body("POST", "/api/easings/{easingId}/annex")!.AsObject();
            annex["vettings"]![0]!["vettingId"] = "V-2026-06-26-01";
            return annex;
        }),
        ("/api/access/check", () => Samples.Body("POST", "/api/access/check")!.AsObject()),
    ];

    private static readonly string[] WriteRoutes =
    [
        "/api/models", "/api/organizations", "/api/access/suspensions", "/api/access/restorations", "/api/directives",
        "/api/directives/{directiveId}/amendments", "/api/directives/{directiveId}/easings", "/api/directives/{directiveId}/rescissions",
        "/api/organizations/{organizationId}/vettings", "/api/easings/{easingId}/annex", "/api/corrections",
    ];

    private static readonly string[] ReadPaths =
    [
        "/api/access-matrix", "/api/access-matrix/changes", "/api/directives", $"/api/directives/{SecureLedger.Directive}",
        "/api/organizations/us-water-coop/history", "/api/models/mythos-5/history",
    ];

    private static readonly string[] QueryNames = ["asOf", "knownAt", "position", "modelId", "organizationId", "from", "to"];

    private static JsonObject Retarget(JsonNode body, string idMember)
    {
        var obj = body.AsObject();
        obj[idMember] = SecureLedger.Easing;
        return obj;
    }

    private string All => ledger.Token(Roles.All, subject: "fuzzer");

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static Func<HttpContent?> Json(string text) => () => new StringContent(text, Encoding.UTF8, "application/json");

    private static Func<HttpContent?> Bytes(byte[] bytes, string? contentType = "application/json") => () =>
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    };

    /// <summary>Every member of a JSON tree, nested ones included, as the parent and key to replace it through.</summary>
    private static List<(JsonObject Parent, string Key)> Members(JsonNode node)
    {
        var members = new List<(JsonObject, string)>();
        void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
                foreach (var (key, value) in o.ToList())
                {
                    members.Add((o, key));
                    Walk(value);
                }
            else if (n is JsonArray a)
                foreach (var item in a)
                    Walk(item);
        }

        Walk(node);
        return members;
    }

    private (string Path, JsonObject Body) Duplicate()
    {
        var (path, body) = Pick(Duplicates);
        return (path, body());
    }

    public IEnumerable<Request> Requests()
    {
        for (var i = 0; i < 1500; i++)
        {
            var bytes = new byte[random.Next(0, 2048)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 0)
                bytes[0] = (byte)'{';
            yield return new("random bytes", HttpMethod.Post, Duplicate().Path, All, Bytes(bytes));
        }

        for (var i = 0; i < 1500; i++)
        {
            var (path, body) = Duplicate();
            var (parent, key) = Pick(Members(body));
            var original = parent[key]?.GetValueKind();
            var replacement = WrongTypes.Where(w => w?.GetValueKind() != original && !(original == JsonValueKind.String && w?.GetValueKind() == JsonValueKind.String)).ToList();
            parent[key] = Pick(replacement)?.DeepClone();
            yield return new("wrong types", HttpMethod.Post, path, All, Json(body.ToJsonString()));
        }

        for (var i = 0; i < 800; i++)
        {
            if (i % 4 == 0)
            {
                yield return new("huge numbers", HttpMethod.Get, $"{Pick(ReadPaths)}?{Pick(QueryNames)}={Uri.EscapeDataString(Pick(HugeNumbers))}", All, () => null);
                continue;
            }

            var (path, body) = Duplicate();
            var (parent, key) = Pick(Members(body));
            parent[key] = "__HUGE__";
            yield return new("huge numbers", HttpMethod.Post, path, All, Json(body.ToJsonString().Replace("\"__HUGE__\"", Pick(HugeNumbers))));
        }

        for (var i = 0; i < 600; i++)
        {
            var depth = Pick(new[] { 33, 34, 64, 500, 5_000, 100_000 });
            var (path, body) = Duplicate();
            var nested = (i % 3) switch
            {
                0 => new string('[', depth) + new string(']', depth),
                1 => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
                _ => body.ToJsonString()[..^1] + ",\"x\":" + new string('[', depth) + new string(']', depth) + "}",
            };
            yield return new("deep nesting", HttpMethod.Post, path, All, Json(nested));
        }

        byte[][] invalidUtf8 = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];
        for (var i = 0; i < 800; i++)
        {
            var (path, body) = Duplicate();
            var (parent, key) = Pick(Members(body));
            parent[key] = "__BAD__";
            var text = Encoding.UTF8.GetBytes(body.ToJsonString());
            var marker = Encoding.UTF8.GetBytes("__BAD__");
            var at = text.AsSpan().IndexOf(marker);
            byte[] bytes = [.. text[..(at + 1)], .. Pick(invalidUtf8), .. text[(at + 1 + marker.Length)..]];
            yield return new("invalid utf-8", HttpMethod.Post, path, All, Bytes(bytes));
        }

        for (var i = 0; i < 1500; i++)
        {
            var fragment = Pick(Fragments);
            switch (i % 5)
            {
                case 0:
                {
                    var (path, body) = Duplicate();
                    var ids = Members(body).Where(m => m.Key.EndsWith("Id", StringComparison.Ordinal)).ToList();
                    var (parent, key) = ids.Count > 0 ? Pick(ids) : Pick(Members(body));
                    parent[key] = ids.Count > 0 ? fragment + "!" : fragment;
                    yield return new("sql and script", HttpMethod.Post, path, All, Json(body.ToJsonString()));
                    break;
                }
                case 1:
                    yield return new("sql and script", HttpMethod.Get,
                        Pick(new[] { "/api/organizations/{0}/history", "/api/models/{0}/history", "/api/directives/{0}" }).Replace("{0}", Uri.EscapeDataString(fragment)),
                        All, () => null);
                    break;
                case 2:
                    yield return new("sql and script", HttpMethod.Get, $"{Pick(ReadPaths)}?{Pick(QueryNames)}={Uri.EscapeDataString(fragment)}", All, () => null);
                    break;
                case 3:
                {
                    var (path, body) = Duplicate();
                    yield return new("sql and script", HttpMethod.Post,
                        $"/api/directives/{Uri.EscapeDataString(fragment)}/easings".Replace("/api/directives/", path.StartsWith("/api/organizations", StringComparison.Ordinal) ? "/api/organizations/" : "/api/directives/"),
                        All, Json(body.ToJsonString()));
                    break;
                }
                default:
                {
                    var (path, body) = Duplicate();
                    var header = Pick(new[] { "Idempotency-Key", "If-Match" });
                    var value = new string(fragment.Where(c => c is >= ' ' and < '\u007f').ToArray());
                    yield return new("sql and script", HttpMethod.Post, path, All, Json(body.ToJsonString()),
                        r => r.Headers.TryAddWithoutValidation(header, value.Length == 0 ? "\u00e9" : value + "\u00e9"));
                    break;
                }
            }
        }

        var forged = Caller.Forged.Select(c => c.Token(ledger)).ToList();
        var wrongRoles = Roles.All.ToDictionary(r => r, r => ledger.Token(r, subject: "intruder"));
        for (var i = 0; i < 1600; i++)
        {
            var route = Pick(WriteRoutes);
            var entry = RoleMatrix.Find("POST", route)!;
            var token = i % 2 == 0 ? Pick(forged) : wrongRoles[Pick(Roles.All.Except(entry.Roles).ToList())];
            var body = Samples.Body("POST", route)!;
            yield return new("bad tokens and roles", HttpMethod.Post, Samples.Path(route), token, Json(body.ToJsonString()));
        }

        string?[] contentTypes = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null, "application/json; charset=utf-16", "*/*", "application/jsonp"];
        for (var i = 0; i < 600; i++)
        {
            var (path, body) = Duplicate();
            var type = Pick(contentTypes);
            var bytes = type?.Contains("utf-16", StringComparison.Ordinal) == true ? Encoding.Unicode.GetBytes(body.ToJsonString()) : Encoding.UTF8.GetBytes(body.ToJsonString());
            yield return new("content types", HttpMethod.Post, path, All, Bytes(bytes, type));
        }

        string[] methods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "FOO", "GET", "POST"];
        string[] oddPaths =
        [
            "/api/../api/models", "/api//models", "/API/MODELS", "/api/models/", "/api/models/%2e%2e/%2e%2e/etc/passwd", "/api/models%00", "/api/%2F%2F",
            "/api/models/" + new string('a', 10_000) + "/history", "/api/models/\u00fcn\u00efc\u00f8de/history", "/api/organizations/%C3%28/history", "/", "/.env",
            "/api/access-matrix?asOf=2026-06-27T12:00:00Z&asOf=2026-06-28T12:00:00Z", "/api/access-matrix?knownAt=2026-06-27T12:00:00Z&position=3",
            "/api/access-matrix?position=99999999", "/api/access-matrix/changes?from=2026-07-01T00:00:00Z&to=2026-06-01T00:00:00Z",
        ];
        for (var i = 0; i < 900; i++)
        {
            var path = i % 2 == 0 ? Pick(oddPaths) : Pick(Samples.Endpoints).Route.Replace("{", "").Replace("}", "");
            yield return new("methods and paths", new HttpMethod(Pick(methods)), path, i % 3 == 0 ? null : All,
                () => i % 4 == 0 ? new StringContent("{}", Encoding.UTF8, "application/json") : null);
        }

        for (var i = 0; i < 40; i++)
        {
            var size = StrictBodies + 1 + random.Next(0, 512 * 1024);
            var (path, _) = Duplicate();
            yield return new("oversized", HttpMethod.Post, path, All,
                () => new StringContent($"{{\"modelId\":\"{new string('x', size)}\"}}", Encoding.UTF8, "application/json"),
                i % 2 == 0 ? null : r => r.Headers.TransferEncodingChunked = true);
        }

        for (var i = 0; i < 300; i++)
        {
            var (path, body) = Duplicate();
            var member = Pick(Members(body));
            member.Parent[member.Key] = new JsonArray(Enumerable.Range(0, 1001 + random.Next(0, 4000)).Select(n => (JsonNode?)JsonValue.Create($"x{n}")).ToArray());
            yield return new("long lists and strings", HttpMethod.Post, path, All, Json(body.ToJsonString()));
        }

        for (var i = 0; i < 300; i++)
        {
            var (path, body) = Duplicate();
            yield return new("header abuse", HttpMethod.Post, path, null, Json(body.ToJsonString()), r =>
            {
                switch (i % 4)
                {
                    case 0: r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 40_000)); break;
                    case 1: r.Headers.TryAddWithoutValidation("Authorization", new[] { $"Bearer {All}", "Bearer forged" }); break;
                    case 2: r.Headers.TryAddWithoutValidation("Authorization", $"Basic {Convert.ToBase64String("admin:admin"u8)}"); break;
                    default:
                        r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {All}");
                        for (var h = 0; h < 150; h++)
                            r.Headers.TryAddWithoutValidation($"X-Junk-{h}", new string('j', 100));
                        r.Headers.TryAddWithoutValidation("X-Actor", "mallory");
                        break;
                }
            });
        }
    }

    private const int StrictBodies = Ledger.Api.Http.StrictJsonBodies.MaxBodyBytes;
}
