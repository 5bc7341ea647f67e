namespace Ledger.Api.Security;

/// <summary>
/// A key file the service makes for itself on first start. Two processes (or two hosts in one test run) may start
/// at the same moment on a fresh machine: each writes its key to a file of its own (mode 0600) and moves it into
/// place only if none is there yet, so exactly one key wins and everyone reads that one.
/// </summary>
internal static class PrivateKeyFile
{
    /// <summary>The text in <paramref name="path"/>, after writing <paramref name="create"/>'s text there if there was none.</summary>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
            return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options))
        using (var writer = new StreamWriter(file))
            writer.Write(create());
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        return File.ReadAllText(path);
    }
}
