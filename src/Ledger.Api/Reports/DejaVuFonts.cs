using PdfSharp.Fonts;

namespace Ledger.Api.Reports;

/// <summary>
/// Fonts for PDF reports from Debian's <c>fonts-dejavu-core</c> (which <c>ops/run</c> and <c>ops/test</c> install when
/// missing): PDFsharp finds no system fonts on Linux, so it is told where they are. DejaVu covers the Latin, Greek and
/// Cyrillic text a directive may hold, and has a monospaced face for hashes and signed notes.
/// </summary>
internal sealed class DejaVuFonts : IFontResolver
{
    public const string Directory = "/usr/share/fonts/truetype/dejavu";
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private static readonly Lock Installing = new();

    private static readonly Dictionary<string, string> Files = new()
    {
        ["sans"] = "DejaVuSans.ttf",
        ["sans-bold"] = "DejaVuSans-Bold.ttf",
        ["mono"] = "DejaVuSansMono.ttf",
        ["mono-bold"] = "DejaVuSansMono-Bold.ttf",
    };

    /// <summary>Whether the font files are where Debian puts them.</summary>
    public static bool Available => Files.Values.All(f => File.Exists(Path.Combine(Directory, f)));

    /// <summary>PDFsharp's resolver is process-wide and may be set only once.</summary>
    public static void Install()
    {
        lock (Installing)
            GlobalFontSettings.FontResolver ??= new DejaVuFonts();
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var face = familyName.Equals(Mono, StringComparison.OrdinalIgnoreCase) ? "mono" : "sans";
        return new FontResolverInfo(bold ? face + "-bold" : face);
    }

    public byte[]? GetFont(string faceName) =>
        Files.TryGetValue(faceName, out var file) ? File.ReadAllBytes(Path.Combine(Directory, file)) : null;
}
