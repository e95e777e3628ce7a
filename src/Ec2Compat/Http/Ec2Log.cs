using Microsoft.Extensions.Logging;

namespace StandardsCloud.Ec2Compat.Http;

internal static partial class Ec2Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "EC2 call failed (request {RequestId})")]
    public static partial void CallFailed(this ILogger logger, Exception exception, string requestId);
}
