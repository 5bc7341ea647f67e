namespace Ledger.Console.Tests.Support;

/// <summary>The repository the tests were built from: the folder holding <c>Ledger.sln</c> above the test output.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ledger.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Ledger.sln not found above the test output");
    }
}
