namespace StandardsCloud.Server;

/// <summary>Every log message of the server, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Created the first administrator '{User}'; credentials in {Path}")]
    public static partial void AdminCreated(ILogger logger, string user, string path);

    [LoggerMessage(2, LogLevel.Debug, "Placed {Count} instances")]
    public static partial void Placed(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Error, "The {Loop} loop failed; retrying")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "{Count} hosts missed their heartbeats and are now in error")]
    public static partial void HostsSilent(ILogger logger, int count);

    [LoggerMessage(5, LogLevel.Information, "Node {Name} registered as host {HostId}")]
    public static partial void NodeRegistered(ILogger logger, string name, string hostId);

    [LoggerMessage(6, LogLevel.Warning, "Node registration refused: {Reason}")]
    public static partial void NodeRefused(ILogger logger, string reason);
}
