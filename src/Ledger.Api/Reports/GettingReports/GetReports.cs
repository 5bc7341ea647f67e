using Ledger.Api.Access.GettingMatrix;
using Ledger.Api.Access.Intervals;
using Ledger.Api.History.GettingHistory;
using Ledger.Api.Http;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;
using Ledger.Integrity.Reports;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Api.Reports.GettingReports;

/// <summary>
/// Reports: the answer of a point-in-time read, made by that read's own code at the same coordinates
/// (<see cref="ReadQuery"/>), as a signed evidence pack (json), a spreadsheet (csv) or paper (pdf). Same roles and the
/// same withholding as the read; heavy requests for the rate limits.
/// </summary>
public static class GetReportsEndpoint
{
    [WolverineGet("/api/reports/access-matrix", OperationId = "reportAccessMatrix"), ProducesResponseType<string>(200, "application/json", "text/csv", "application/pdf")]
    [Tags("Reports"), EndpointSummary("The access matrix at an instant, as known at a position, as a signed evidence pack, CSV or PDF")]
    [QueryParameter<string>("modelId", "Only this model's cells")]
    [QueryParameter<string>("organizationId", "Only this organisation's cells (* for everyone not listed)")]
    [QueryParameter<string>("format", "json (the signed evidence pack), csv or pdf; wins over Accept")]
    public static async Task<IResult> GetAccessMatrix(
        ReadCoordinates read, HttpContext http, AccessIntervalQuery intervals, EvidencePacks packs, string? modelId = null, string? organizationId = null)
    {
        var (format, unacceptable) = ReportFormats.Negotiate(http.Request);
        if (format is null)
            return unacceptable!;
        var known = read.Cut.Knowledge;
        if (modelId is not null && known.Find<ModelRegistered>(modelId) is null)
            return Problems.Result(404, "model-not-found", "modelId", $"no model {modelId} is known at position {read.Cut.Position}");
        if (organizationId is not null && organizationId != FactIds.Everyone && known.Find<OrganizationRegistered>(organizationId) is null)
            return Problems.Result(404, "organization-not-found", "organizationId", $"no organisation {organizationId} is known at position {read.Cut.Position}");
        var answer = await GetAccessMatrixEndpoint.Read(read, intervals, modelId, organizationId, access: null, http.RequestAborted);
        return await Report(packs, "access-matrix", format.Value, read, http, answer, answer.Cells.SelectMany(c => c.Basis));
    }

    [WolverineGet("/api/reports/organizations/{organizationId}/history", OperationId = "reportOrganizationHistory"), ProducesResponseType<string>(200, "application/json", "text/csv", "application/pdf")]
    [Tags("Reports"), EndpointSummary("An organisation's audit trail as known at a position, as a signed evidence pack, CSV or PDF")]
    [QueryParameter<string>("format", "json (the signed evidence pack), csv or pdf; wins over Accept")]
    public static async Task<IResult> GetOrganizationHistory(string organizationId, ReadCoordinates read, HttpContext http, EvidencePacks packs)
    {
        var (format, unacceptable) = ReportFormats.Negotiate(http.Request);
        if (format is null)
            return unacceptable!;
        var (problem, answer) = GetHistoryEndpoint.OfOrganization(organizationId, read, http.User);
        return problem ?? await Report(packs, "organization-history", format.Value, read, http, answer!, EvidencePacks.Of(answer!.Entries));
    }

    [WolverineGet("/api/reports/models/{modelId}/history", OperationId = "reportModelHistory"), ProducesResponseType<string>(200, "application/json", "text/csv", "application/pdf")]
    [Tags("Reports"), EndpointSummary("A model's audit trail as known at a position, as a signed evidence pack, CSV or PDF")]
    [QueryParameter<string>("format", "json (the signed evidence pack), csv or pdf; wins over Accept")]
    public static async Task<IResult> GetModelHistory(string modelId, ReadCoordinates read, HttpContext http, EvidencePacks packs)
    {
        var (format, unacceptable) = ReportFormats.Negotiate(http.Request);
        if (format is null)
            return unacceptable!;
        var (problem, answer) = GetHistoryEndpoint.OfModel(modelId, read, http.User);
        return problem ?? await Report(packs, "model-history", format.Value, read, http, answer!, EvidencePacks.Of(answer!.Entries));
    }

    private static async Task<IResult> Report(EvidencePacks packs, string report, ReportFormat format, ReadCoordinates read, HttpContext http, object answer, IEnumerable<BasisEvent> basis)
    {
        if (format == ReportFormat.Pdf && !DejaVuFonts.Available)
            return Problems.Result(503, "report-fonts-missing", "format",
                $"the PDF fonts are not installed in {DejaVuFonts.Directory} (Debian package fonts-dejavu-core); json and csv are served");
        if (await packs.Make(report, read, http, answer, basis, http.RequestAborted) is not { } pack)
            return Problems.Result(503, "ledger-integrity-broken", "position",
                "a fact this report rests on is not sealed in the ledger's Merkle log; GET /api/ledger/verify says where");
        var bytes = pack.Bytes();
        var sha256 = EvidencePack.Sha256(bytes);
        var name = $"{report}-{read.Cut.Position}";
        http.Response.Headers["Ledger-Evidence-Pack-Sha256"] = sha256;
        switch (format)
        {
            case ReportFormat.Csv:
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
                return Results.Bytes(ReportCsv.Write(pack, sha256), "text/csv; charset=utf-8; header=present");
            case ReportFormat.Pdf:
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.pdf\"";
                return Results.Bytes(ReportPdf.Write(pack, bytes, sha256), "application/pdf");
            default:
                return Results.Bytes(bytes, "application/json");
        }
    }
}
