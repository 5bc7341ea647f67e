using Microsoft.AspNetCore.Mvc;
using Ledger.Api.Http;
using Ledger.Api.Security;
using Ledger.Domain.Readers;
using Ledger.Domain.Register;
using Wolverine.Http;

namespace Ledger.Api.Directives.GettingRegister;

internal sealed record DirectiveRegisterView(DateTimeOffset AsOf, DateTimeOffset? KnownAt, long Position, IReadOnlyList<DirectiveEntry> Directives);

internal sealed record DirectiveView(DateTimeOffset AsOf, DateTimeOffset? KnownAt, long Position, DirectiveEntry Directive);

public static class GetDirectivesEndpoint
{
    [WolverineGet("/api/directives", OperationId = "getDirectives"), ProducesResponseType<DirectiveRegisterView>(200)]
    [Tags("Directives"), EndpointSummary("The register of directives at an instant, as known at a position")]
    public static IResult GetAll(ReadCoordinates read, HttpContext http)
    {
        var known = read.Cut.Knowledge;
        var reader = Withholding.For(read.Now, http.User.Clearance());
        var entries = known.Directives.Select(id => DirectiveEntry.At(known, id, read.AsOf, reader)).ToList();
        return Results.Json(new DirectiveRegisterView(read.AsOf, read.Cut.KnownAt, read.Cut.Position, entries));
    }

    [WolverineGet("/api/directives/{directiveId}", OperationId = "getDirective"), ProducesResponseType<DirectiveView>(200)]
    [Tags("Directives"), EndpointSummary("One directive as the register shows it at an instant, as known at a position")]
    public static IResult GetOne(string directiveId, ReadCoordinates read, HttpContext http)
    {
        var known = read.Cut.Knowledge;
        if (known.Find<Domain.Facts.DirectiveIssued>(directiveId) is null)
            return Problems.Result(404, "directive-not-found", "directiveId", $"no directive {directiveId} is known at position {read.Cut.Position}");
        var entry = DirectiveEntry.At(known, directiveId, read.AsOf, Withholding.For(read.Now, http.User.Clearance()));
        return Results.Json(new DirectiveView(read.AsOf, read.Cut.KnownAt, read.Cut.Position, entry));
    }
}
