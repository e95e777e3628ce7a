using Microsoft.Extensions.Logging;

namespace StandardsCloud.Marketplace;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Marketplace entry {Id} stored (deprecation: {Deprecated})")]
    public static partial void EntryStored(this ILogger logger, string id, bool deprecated);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Marketplace upload refused: {Reason}")]
    public static partial void UploadRefused(this ILogger logger, string reason);
}
