using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Ledger.Benchmarks;

/// <summary>A markdown report with the machine and the conditions, printed and saved under the output folder.</summary>
public sealed class Report(string title, BenchSettings settings)
{
    private readonly StringBuilder _text = new();
    private int _columns;

    public void Line(string text) => _text.AppendLine(text).AppendLine();

    public void Table(params string[] headers)
    {
        _columns = headers.Length;
        _text.AppendLine("| " + string.Join(" | ", headers) + " |");
        _text.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", _columns)));
    }

    /// <summary>Printed as soon as it is measured too, so a long run that is stopped still leaves its rows.</summary>
    public void Row(params string[] cells)
    {
        var row = "| " + string.Join(" | ", cells) + " |";
        _text.AppendLine(row);
        Console.WriteLine(row);
    }

    public void Write()
    {
        var header = new StringBuilder()
            .AppendLine($"## {title}")
            .AppendLine()
            .AppendLine($"Run {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z on {Environment.ProcessorCount} cores, " +
                        $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; " +
                        "PostgreSQL and the load generator on the same machine.")
            .AppendLine();
        var text = header.Append(_text).ToString();
        Console.WriteLine(text);
        Directory.CreateDirectory(settings.Out);
        File.WriteAllText(Path.Combine(settings.Out, $"{title.Split(' ')[0].ToLowerInvariant()}.md"), text);
    }
}
