namespace Ledger.Tests.Shared;

/// <summary>The repository the tests run from: the folder that holds Ledger.sln, found above the test output.</summary>
public static class Repository
{
    public static DirectoryInfo Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root.FullName, .. parts]);

    private static DirectoryInfo Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ledger.sln")))
            folder = folder.Parent;
        return folder ?? throw new InvalidOperationException("Ledger.sln not found above the test output");
    }
}
