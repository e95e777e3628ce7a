using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute;

/// <summary>
/// An event on the stream of a host, user, access key or image. Their current state is a
/// document; the stream beside it is the record of every change (instances are event-sourced
/// outright, see <see cref="IInstanceEvent"/>).
/// </summary>
public interface IResourceEvent
{
    EventContext Context { get; }

    string Describe();
}

/// <summary>Stream names of the resources that are documents, so their streams never collide.</summary>
public static class ResourceStreams
{
    public static string Host(string id) => "host:" + id;

    public static string User(string name) => "user:" + name;

    public static string Image(string id) => "image:" + id;

    public static string Address(string allocationId) => "address:" + allocationId;

    public static string Volume(string id) => "volume:" + id;

    public static string Snapshot(string id) => "snapshot:" + id;
}

public sealed record HostRegistered(EventContext Context, string Name, string HypervisorUri, int Cpus, long MemoryMiB) : IResourceEvent
{
    public string Describe() => $"registered {Name} ({HypervisorUri}, {Cpus} CPU, {MemoryMiB} MiB)";
}

public sealed record HostStatusChanged(EventContext Context, HostStatus From, HostStatus To, string Reason) : IResourceEvent
{
    public string Describe() => $"{From} → {To}: {Reason}";
}

public sealed record UserCreated(EventContext Context, bool IsAdmin) : IResourceEvent
{
    public string Describe() => IsAdmin ? "created as administrator" : "created";
}

public sealed record UserQuotaChanged(EventContext Context, int? Instances, int? Cpus, long? MemoryMiB, long? VolumeGiB = null, int? Snapshots = null) : IResourceEvent
{
    public string Describe() => $"quota set: instances {Instances?.ToString() ?? "unlimited"}, CPUs {Cpus?.ToString() ?? "unlimited"}, memory {MemoryMiB?.ToString() ?? "unlimited"} MiB, volumes {VolumeGiB?.ToString() ?? "unlimited"} GiB, snapshots {Snapshots?.ToString() ?? "unlimited"}";
}

public sealed record AccessKeyCreated(EventContext Context, string AccessKeyId) : IResourceEvent
{
    public string Describe() => $"access key {AccessKeyId} created";
}

public sealed record AccessKeyRevoked(EventContext Context, string AccessKeyId) : IResourceEvent
{
    public string Describe() => $"access key {AccessKeyId} revoked";
}

public sealed record ImageRegistered(EventContext Context, string Name, string Url, string Sha1, Images.ImageBoot? Boot = null) : IResourceEvent
{
    public string Describe() => $"registered {Name} from {Url} (SHA-1 {Sha1})"
        + (Boot is null ? "" : $", booting kernel {Boot.Kernel.Url} directly with '{Boot.CommandLine}'");
}

public sealed record ImageSaveRequested(EventContext Context, string InstanceId, string Name, bool Deferred) : IResourceEvent
{
    public string Describe() => $"saving the disk of instance {InstanceId} as {Name}" + (Deferred ? " once it is shut off" : "");
}

public sealed record ImageSaveEnded(EventContext Context, string? Sha1, long Bytes, string? Error) : IResourceEvent
{
    public string Describe() => Error is null ? $"saved: {Bytes} bytes, SHA-1 {Sha1}" : $"save failed: {Error}";
}

public sealed record ImageAttributesChanged(EventContext Context, string? Description, bool? IsPublic) : IResourceEvent
{
    public string Describe() => string.Join("; ", new[]
    {
        Description is null ? null : $"description set ({Description.Length} characters)",
        IsPublic is null ? null : IsPublic.Value ? "launchable by every user" : "launchable by its owner only",
    }.OfType<string>());
}

public sealed record ImageDeregistered(EventContext Context) : IResourceEvent
{
    public string Describe() => "deregistered";
}
