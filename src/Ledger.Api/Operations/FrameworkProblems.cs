using Ledger.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Ledger.Api.Operations;

/// <summary>
/// Refusals the framework answers before any ledger code runs (an unknown route, a wrong method, a body that is
/// not JSON) get the ledger's problem <c>type</c>, <c>rule</c> and <c>field</c> like every other refusal.
/// </summary>
internal static class FrameworkProblems
{
    public static void Name(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("rule"))
            return;
        var (rule, field, detail) = problem.Status switch
        {
            404 => ("route-not-found", "", "no resource answers at this path"),
            405 => ("method-not-allowed", "", "this path does not answer this method"),
            415 => ("unsupported-media-type", "Content-Type", "send the body as application/json"),
            _ => ((string?)null, "", problem.Detail),
        };
        if (rule is null)
            return;
        problem.Type = Problems.TypePrefix + rule;
        problem.Detail ??= detail;
        problem.Extensions["rule"] = rule;
        problem.Extensions["field"] = field;
    }
}
