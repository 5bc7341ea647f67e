using System.Text.RegularExpressions;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The Dockerfile restores from the project files alone (so the package layer is cached across code edits), so it
/// must copy every project the service references, directly or not, before <c>dotnet restore</c>. There is no
/// container engine here to build the image; this reads the file the way the build would need it.
/// </summary>
public sealed partial class when_the_image_is_built
{
    private static IReadOnlyList<string> ProjectsTheServiceNeeds()
    {
        var needed = new List<string>();
        var pending = new Queue<string>(["src/Ledger.Api/Ledger.Api.csproj"]);
        while (pending.TryDequeue(out var project))
        {
            if (needed.Contains(project))
                continue;
            needed.Add(project);
            var folder = Path.GetDirectoryName(project)!;
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(Repository.PathOf(project))))
                pending.Enqueue(Path.GetRelativePath(Repository.Root.FullName,
                    Path.GetFullPath(Path.Combine(Repository.Root.FullName, folder, reference.Groups[1].Value.Replace('\\', '/')))).Replace('\\', '/'));
        }

        return needed;
    }

    private static IReadOnlyList<string> CopiedBeforeRestore()
    {
        var lines = File.ReadAllLines(Repository.PathOf("Dockerfile"));
        var restore = Array.FindIndex(lines, line => line.TrimStart().StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        restore.ShouldBeGreaterThan(0, "the Dockerfile restores before it copies the sources");
        return lines[..restore]
            .Where(line => line.TrimStart().StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal))
            .SelectMany(line => line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();
    }

    [Fact]
    public void every_project_the_service_references_is_copied_before_restore()
    {
        var projects = ProjectsTheServiceNeeds();
        projects.ShouldContain("src/Ledger.Integrity/Ledger.Integrity.csproj", "the service references the Merkle log's project");

        projects.Except(CopiedBeforeRestore()).ShouldBeEmpty("copy each of these before `RUN dotnet restore` in the Dockerfile");
    }

    [Fact]
    public void the_central_package_versions_and_build_settings_are_copied_before_restore() =>
        CopiedBeforeRestore().ShouldContain("Directory.Packages.props");

    [GeneratedRegex(@"<ProjectReference\s+Include=""([^""]+)""")]
    private static partial Regex ProjectReference();
}
