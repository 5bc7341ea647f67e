using System.Reflection;
using Ledger.Api.Security;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace Ledger.Security.Tests.Documentation;

/// <summary>
/// A downstream team generates a client from /openapi/v1.json with NSwag, as they would, and uses it against the real
/// service: a matrix read at a point in time, the feed a page at a time, and an inclusion proof. Nothing here is
/// written by hand but the calls, so a parameter or response the document leaves out shows up as a compile or call failure.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_a_client_is_generated_from_the_document(SecureLedger ledger) : IAsyncLifetime
{
    private dynamic _client = null!;

    public async Task InitializeAsync()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync((await ledger.Send("GET", "/openapi/v1.json", null)).Text);
        var code = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = "LedgerClient",
            UseBaseUrl = false,
            InjectHttpClient = true,
            // The ledger takes RFC 3339 with its offset, to the microsecond; NSwag's default ("s") drops the offset.
            ParameterDateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz",
            // NSwag's default JSON library, Newtonsoft: it reads the ledger's kebab-case enum values by their EnumMember names.
            CSharpGeneratorSettings = { Namespace = "Generated" },
        }).GenerateFile();
        var client = ledger.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ledger.Token([Roles.Auditor, Roles.Subscriber, Roles.Regulator], org: SecureLedger.Addressee));
        _client = Activator.CreateInstance(Compile(code).GetType("Generated.LedgerClient")!, client)!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("GeneratedLedgerClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        return Assembly.Load(image.ToArray());
    }

    [Fact]
    public async Task it_reads_the_matrix_at_a_point_in_time()
    {
        var matrix = await _client.GetAccessMatrixAsync(
            modelId: "mythos-5", organizationId: SecureLedger.Addressee, access: null, asOf: DateTimeOffset.Parse("2026-06-27T12:00:00Z"), knownAt: null,
            position: 21L);

        ((long)matrix.Position).ShouldBe(21L);
        ((DateTimeOffset)matrix.AsOf).ShouldBe(DateTimeOffset.Parse("2026-06-27T12:00:00Z"));
        ((int)matrix.Cells.Count).ShouldBe(2, "the provider's two person classes");
    }

    [Fact]
    public async Task it_pages_the_feed()
    {
        // The generated client takes the filter lists too; none is the whole feed.
        var first = await _client.ReadFeedAsync(after: 0L, limit: 3, modelId: null, organizationId: null);
        var second = await _client.ReadFeedAsync(after: (long)first.Next, limit: 3, modelId: null, organizationId: null);

        ((long)first.Next).ShouldBe(3L);
        ((int)first.Events.Count).ShouldBeGreaterThanOrEqualTo(3);
        ((long)second.After).ShouldBe(3L);
        ((long)second.Next).ShouldBe(6L);
    }

    [Fact]
    public async Task it_fetches_an_inclusion_proof()
    {
        var proof = await _client.GetInclusionProofAsync(position: 8L, size: null);

        ((long)proof.Position).ShouldBe(8L);
        ((long)proof.LeafIndex).ShouldBe(7L);
        ((string)proof.RootHash).ShouldNotBeNullOrEmpty();
        ((int)proof.Proof.Count).ShouldBeGreaterThan(0);
    }
}
