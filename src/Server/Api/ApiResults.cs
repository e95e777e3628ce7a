using StandardsCloud.Compute;

namespace StandardsCloud.Server.Api;

/// <summary>Turns core status values into HTTP answers with RFC 9457 problem details.</summary>
internal static class ApiResults
{
    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) =>
        outcome.IsOk ? ok(outcome.Value!) : Problem(outcome.Status, outcome.Reason);

    public static IResult Problem(ComputeStatus status, string? detail)
    {
        var code = status switch
        {
            ComputeStatus.NotFound => StatusCodes.Status404NotFound,
            ComputeStatus.Forbidden or ComputeStatus.QuotaExceeded => StatusCodes.Status403Forbidden,
            ComputeStatus.InvalidParameter => StatusCodes.Status400BadRequest,
            ComputeStatus.IncorrectState or ComputeStatus.Duplicate or ComputeStatus.Conflict => StatusCodes.Status409Conflict,
            ComputeStatus.Unauthenticated => StatusCodes.Status401Unauthorized,
            _ => StatusCodes.Status500InternalServerError,
        };
        return Results.Problem(detail: detail, statusCode: code, title: status.ToString());
    }

    public static IResult BadRequest(string detail) => Problem(ComputeStatus.InvalidParameter, detail);
}
