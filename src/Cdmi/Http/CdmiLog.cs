using Microsoft.Extensions.Logging;

namespace StandardsCloud.Cdmi.Http;

internal static partial class CdmiLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "CDMI {Method} {Path} failed")]
    public static partial void CallFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "CDMI {Method} {Path}: the client went away mid-request; nothing of it was kept")]
    public static partial void ClientLeft(this ILogger logger, string method, string path);
}
