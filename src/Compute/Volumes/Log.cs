using Microsoft.Extensions.Logging;

namespace StandardsCloud.Compute.Volumes;

/// <summary>Every log message of the volume service, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "The storage backend could not {Operation} {ResourceId}: {Reason}")]
    public static partial void BackendFailed(ILogger logger, string operation, string resourceId, string reason);

    [LoggerMessage(102, LogLevel.Information, "Recovery finished {Volumes} volumes and {Snapshots} snapshots left half done")]
    public static partial void Recovered(ILogger logger, int volumes, int snapshots);

    [LoggerMessage(103, LogLevel.Information, "Legacy mount-point tags dropped from {Instances} instances; {MountPoints} mount points moved onto their attachments")]
    public static partial void MovedLegacyMountPoints(ILogger logger, int instances, int mountPoints);
}
