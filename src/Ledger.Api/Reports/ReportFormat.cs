using Ledger.Api.Http;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Reports;

/// <summary>The forms a report is served in: the signed evidence pack, a spreadsheet's rows, or paper.</summary>
internal enum ReportFormat
{
    Json,
    Csv,
    Pdf,
}

internal static class ReportFormats
{
    private static readonly (string Name, string MediaType, ReportFormat Format)[] Known =
    [
        ("json", "application/json", ReportFormat.Json),
        ("csv", "text/csv", ReportFormat.Csv),
        ("pdf", "application/pdf", ReportFormat.Pdf),
    ];

    /// <summary>
    /// The format asked for: <c>format</c> when given (it wins), else the best of <c>Accept</c> (none, or a wildcard,
    /// is the pack); a 406 problem naming the field when neither names a format the report has.
    /// </summary>
    public static (ReportFormat? Format, IResult? Problem) Negotiate(HttpRequest request)
    {
        if (request.Query.TryGetValue("format", out var asked))
            return Known.FirstOrDefault(k => string.Equals(k.Name, asked.ToString(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } known
                ? (known.Format, null)
                : (null, Problems.Result(406, "unsupported-format", "format", "format is json (the signed evidence pack), csv or pdf"));

        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0)
            return (ReportFormat.Json, null);
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
            return (null, Unacceptable());
        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            if (range.MatchesAllTypes || range.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
                return (ReportFormat.Json, null);
            if (Known.FirstOrDefault(k => range.MediaType.Equals(k.MediaType, StringComparison.OrdinalIgnoreCase)) is { Name: not null } known)
                return (known.Format, null);
            if (range.MediaType.Equals("text/*", StringComparison.OrdinalIgnoreCase))
                return (ReportFormat.Csv, null);
        }

        return (null, Unacceptable());
    }

    private static IResult Unacceptable() =>
        Problems.Result(406, "not-acceptable", "Accept", "a report is served as application/json (the signed evidence pack), text/csv or application/pdf");
}
