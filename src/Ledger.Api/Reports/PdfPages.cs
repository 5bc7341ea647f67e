using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ledger.Api.Reports;

/// <summary>
/// Flowing text and tables onto A4 pages: a cursor that moves down and starts a new page (repeating a table's header)
/// when the next line or row would not fit. Words are wrapped by measured width; a word wider than its column (a hash,
/// an id) is cut where it must be.
/// </summary>
internal sealed class PdfPages(PdfDocument document)
{
    public const double Margin = 40;
    private const double Footer = 24;

    private readonly Dictionary<(XFont, string), double> _widths = [];
    private XGraphics? _graphics;
    private double _y;

    public static readonly XFont Title = new(DejaVuFonts.Sans, 15, XFontStyleEx.Bold);
    public static readonly XFont Heading = new(DejaVuFonts.Sans, 10.5, XFontStyleEx.Bold);
    public static readonly XFont Body = new(DejaVuFonts.Sans, 8.5, XFontStyleEx.Regular);
    public static readonly XFont Bold = new(DejaVuFonts.Sans, 7.5, XFontStyleEx.Bold);
    public static readonly XFont Cell = new(DejaVuFonts.Sans, 7.5, XFontStyleEx.Regular);
    public static readonly XFont Small = new(DejaVuFonts.Sans, 6.5, XFontStyleEx.Regular);
    public static readonly XFont Mono = new(DejaVuFonts.Mono, 7, XFontStyleEx.Regular);

    public double Width => XUnit.FromMillimeter(210).Point - 2 * Margin;

    private double Bottom => XUnit.FromMillimeter(297).Point - Margin - Footer;

    public void Text(string text, XFont font, double gapAfter = 3, XBrush? brush = null)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            Room(font.Height);
            Graphics.DrawString(line, font, brush ?? XBrushes.Black, Margin, _y, XStringFormats.TopLeft);
            _y += font.Height;
        }

        _y += gapAfter;
    }

    public void Gap(double points) => _y += points;

    /// <summary>A table; each row may carry a note drawn under it across the whole width (an explanation).</summary>
    public void Table(IReadOnlyList<(string Header, double Share)> columns, IEnumerable<(IReadOnlyList<string> Cells, string? Note)> rows)
    {
        var widths = columns.Select(c => c.Share / columns.Sum(x => x.Share) * Width).ToArray();
        DrawRow(columns.Select(c => c.Header).ToList(), widths, Bold, header: true);
        foreach (var (cells, note) in rows)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, Cell, widths[i] - 3)).ToList();
            var noteLines = note is null ? [] : Wrap(note, Small, Width - 12);
            var height = wrapped.Max(w => w.Count) * Cell.Height + noteLines.Count * Small.Height + 2;
            if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(columns.Select(c => c.Header).ToList(), widths, Bold, header: true);
            }

            DrawCells(wrapped, widths, Cell);
            foreach (var line in noteLines)
            {
                Graphics.DrawString(line, Small, XBrushes.DimGray, Margin + 12, _y, XStringFormats.TopLeft);
                _y += Small.Height;
            }

            Graphics.DrawLine(XPens.LightGray, Margin, _y + 1, Margin + Width, _y + 1);
            _y += 2;
        }

        _y += 6;
    }

    /// <summary>The same line at the foot of every page, with its number.</summary>
    public void Footers(string text)
    {
        _graphics?.Dispose();
        _graphics = null;
        for (var i = 0; i < document.PageCount; i++)
        {
            using var graphics = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            graphics.DrawString($"{text} · page {i + 1} of {document.PageCount}", Small, XBrushes.DimGray,
                Margin, XUnit.FromMillimeter(297).Point - Margin, XStringFormats.BottomLeft);
        }
    }

    private void DrawRow(IReadOnlyList<string> cells, double[] widths, XFont font, bool header)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i] - 3)).ToList();
        Room(wrapped.Max(w => w.Count) * font.Height + 2);
        DrawCells(wrapped, widths, font);
        if (header)
            Graphics.DrawLine(XPens.Black, Margin, _y + 1, Margin + Width, _y + 1);
        _y += 3;
    }

    private void DrawCells(List<List<string>> wrapped, double[] widths, XFont font)
    {
        var x = Margin;
        for (var i = 0; i < wrapped.Count; i++)
        {
            for (var line = 0; line < wrapped[i].Count; line++)
                Graphics.DrawString(wrapped[i][line], font, XBrushes.Black, x, _y + line * font.Height, XStringFormats.TopLeft);
            x += widths[i];
        }

        _y += wrapped.Max(w => w.Count) * font.Height;
    }

    private XGraphics Graphics => _graphics ?? NewPage();

    private void Room(double height)
    {
        if (_graphics is null || _y + height > Bottom)
            NewPage();
    }

    private XGraphics NewPage()
    {
        _graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
        return _graphics;
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                    lines.Add(line);
                line = word;
                while (line.Length > 1 && Measure(line, font) > width)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && Measure(line[..fits], font) > width)
                        fits--;
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Measured once per word and font: reports repeat the same words thousands of times.</summary>
    private double Measure(string text, XFont font)
    {
        if (text.Length > 1 && text.Contains(' ', StringComparison.Ordinal))
            return text.Split(' ').Sum(w => Measure(w, font)) + (text.Count(c => c == ' ') * Measure(" ", font));
        if (!_widths.TryGetValue((font, text), out var width))
            _widths[(font, text)] = width = Graphics.MeasureString(text, font).Width;
        return width;
    }
}
