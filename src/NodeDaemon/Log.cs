using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Reconciliation;

namespace StandardsCloud.NodeDaemon;

/// <summary>Every log message the node daemon writes.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Node {NodeName} on {Uri}: {Cpus} CPUs, {MemoryMiB} MiB, data in {DataDir}")]
    internal static partial void Starting(this ILogger logger, string nodeName, string uri, int cpus, long memoryMiB, string dataDir);

    [LoggerMessage(2, LogLevel.Critical, "Cannot start: {Reason}")]
    internal static partial void CannotStart(this ILogger logger, string reason);

    [LoggerMessage(10, LogLevel.Information, "Registered with {Core} as host {HostId}")]
    internal static partial void Registered(this ILogger logger, Uri core, string hostId);

    [LoggerMessage(11, LogLevel.Warning, "Core at {Core} not ready ({Reason}); retrying in {DelayMs} ms")]
    internal static partial void CoreUnavailable(this ILogger logger, Uri core, string reason, long delayMs);

    [LoggerMessage(12, LogLevel.Critical, "The core refused this node's join token ({Status}); check --join-token. Giving up.")]
    internal static partial void JoinTokenRefused(this ILogger logger, int status);

    [LoggerMessage(13, LogLevel.Critical, "The core refused registration ({Status}): {Detail}. Giving up.")]
    internal static partial void RegistrationRefused(this ILogger logger, int status, string detail);

    [LoggerMessage(14, LogLevel.Warning, "The core no longer accepts this node's token; registering again")]
    internal static partial void Reregistering(this ILogger logger);

    [LoggerMessage(15, LogLevel.Warning, "Sync failed ({Reason}); retrying in {DelayMs} ms")]
    internal static partial void SyncFailed(this ILogger logger, string reason, long delayMs);

    [LoggerMessage(16, LogLevel.Debug, "Desired state {Hash}: {Count} domains")]
    internal static partial void DesiredState(this ILogger logger, string hash, int count);

    [LoggerMessage(20, LogLevel.Debug, "{Action} {InstanceId}")]
    internal static partial void Acting(this ILogger logger, ActionKind action, string instanceId);

    [LoggerMessage(21, LogLevel.Warning, "Domain {InstanceId} failed: {Reason}")]
    internal static partial void DomainFailed(this ILogger logger, string instanceId, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Cannot read domains from libvirt: {Reason}")]
    internal static partial void ObserveFailed(this ILogger logger, string reason);

    [LoggerMessage(23, LogLevel.Warning, "Lifecycle events unavailable ({Reason}); state changes reach the core at the next pass only")]
    internal static partial void NoLifecycleEvents(this ILogger logger, string reason);

    [LoggerMessage(24, LogLevel.Information, "Domain {InstanceId} redefined with {Cpus} vCPUs and {MemoryMiB} MiB")]
    internal static partial void Resized(this ILogger logger, string instanceId, int cpus, long memoryMiB);

    [LoggerMessage(25, LogLevel.Information, "{Action} {VolumeId} on {InstanceId} done ({Where})")]
    internal static partial void DiskChanged(this ILogger logger, ActionKind action, string volumeId, string instanceId, string where);

    [LoggerMessage(26, LogLevel.Warning, "{Action} {VolumeId} on {InstanceId} failed, to be tried again: {Reason}")]
    internal static partial void DiskChangeFailed(this ILogger logger, ActionKind action, string volumeId, string instanceId, string reason);

    [LoggerMessage(27, LogLevel.Information, "Saved the disk of {InstanceId} as image {ImageId} ({Bytes} bytes)")]
    internal static partial void Saved(this ILogger logger, string instanceId, string imageId, long bytes);

    [LoggerMessage(28, LogLevel.Warning, "Saving the disk of {InstanceId} as image {ImageId} failed: {Reason}")]
    internal static partial void SaveFailed(this ILogger logger, string instanceId, string imageId, string reason);

    [LoggerMessage(29, LogLevel.Warning, "Public addresses not in line with the desired state, to be tried with the next one: {Reason}")]
    internal static partial void PublicAddressesFailed(this ILogger logger, string reason);

    [LoggerMessage(30, LogLevel.Debug, "Console post for {InstanceId} failed: {Reason}")]
    internal static partial void ConsolePostFailed(this ILogger logger, string instanceId, string reason);

    [LoggerMessage(35, LogLevel.Information, "Instance metadata service listening on {Address}{Rule}")]
    internal static partial void MetadataListening(this ILogger logger, System.Net.IPEndPoint address, string rule);

    [LoggerMessage(36, LogLevel.Error, "Instance metadata service cannot listen on {Address} ({Reason}); guests get no metadata, the node carries on")]
    internal static partial void MetadataUnavailable(this ILogger logger, System.Net.IPEndPoint address, string reason);

    [LoggerMessage(40, LogLevel.Information, "Node daemon stopping; domains are left as they are")]
    internal static partial void Stopping(this ILogger logger);

    [LoggerMessage(50, LogLevel.Information, "Inbound filter {Filter} of {InstanceId} holds {Rules} rules")]
    internal static partial void FilterDefined(this ILogger logger, string filter, string instanceId, int rules);

    [LoggerMessage(51, LogLevel.Warning, "Inbound filters not in line with the desired state, to be tried with the next one: {Reason}")]
    internal static partial void FiltersFailed(this ILogger logger, string reason);
}
