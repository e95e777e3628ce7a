using Microsoft.Extensions.Logging;

namespace StandardsCloud.Occi;

/// <summary>The OCCI front-end's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "OCCI request {RequestId} failed")]
    public static partial void CallFailed(this ILogger logger, Exception error, string requestId);
}
