using StandardsCloud.Compute;
using StandardsCloud.Occi.Http;

namespace StandardsCloud.Occi.Mapping;

/// <summary>The core's status values as OCCI HTTP status codes (GFD.223 §5.4).</summary>
internal static class Statuses
{
    public static ErrorReply Refusal<T>(Outcome<T> outcome) => Refusal(outcome.Status, outcome.Reason ?? outcome.Status.ToString());

    public static ErrorReply Refusal(ComputeStatus status, string reason) => new(status switch
    {
        ComputeStatus.NotFound => 404,
        ComputeStatus.Forbidden => 403,
        ComputeStatus.InvalidParameter => 400,
        ComputeStatus.Unauthenticated => 401,
        ComputeStatus.IncorrectState or ComputeStatus.Duplicate or ComputeStatus.Conflict or ComputeStatus.NotPermitted or ComputeStatus.QuotaExceeded => 409,
        _ => 500,
    }, reason);
}
