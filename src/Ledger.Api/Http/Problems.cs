using Ledger.Domain.Admission;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Http;

/// <summary>
/// RFC 9457 problem details: one stable <c>type</c> per rule, the rule's name and the offending field, so a
/// client can act on a refusal without parsing prose.
/// </summary>
internal static class Problems
{
    public const string TypePrefix = "https://directive-ledger.dev/problems/";

    public static IResult From(Violation violation) => Result(violation.Status, violation.Rule, violation.Field, violation.Detail);

    public static IResult Result(int status, string rule, string field, string detail) =>
        Results.Problem(Details(status, rule, field, detail));

    public static ProblemDetails Details(int status, string rule, string field, string detail) => new()
    {
        Type = TypePrefix + rule,
        Title = Title(status),
        Status = status,
        Detail = detail,
        Extensions = { ["rule"] = rule, ["field"] = field },
    };

    private static string Title(int status) => status switch
    {
        400 => "The request is malformed",
        401 => "Authentication is required",
        403 => "The role does not allow this",
        404 => "Not found",
        409 => "Already recorded",
        412 => "The stream has moved on",
        413 => "The request body is too large",
        406 => "The report has no such format",
        415 => "The request body must be JSON",
        422 => "A ledger rule refuses this fact",
        429 => "Too many requests",
        _ => "The request cannot be served",
    };
}
