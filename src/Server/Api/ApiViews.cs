using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Server.Api;

public sealed record InstanceView(
    string Id, string Owner, string ReservationId, int LaunchIndex, string ImageId, string InstanceType,
    int Cpus, long MemoryMiB, InstanceState State, string? StateReason, InstanceIntent Intent, string? HostId,
    DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt)
{
    public static InstanceView Of(Instance i) => new(i.Id, i.Owner, i.ReservationId, i.LaunchIndex, i.ImageId, i.InstanceType,
        i.Cpus, i.MemoryMiB, i.State, i.StateReason, i.Intent, i.HostId, i.RequestedAt, i.UpdatedAt);
}

public sealed record ReservationView(string ReservationId, string Owner, IReadOnlyList<InstanceView> Instances);

/// <summary>
/// Launch request: <c>count</c> is shorthand for equal min and max; <c>userData</c> is base64 (at
/// most 16 KiB decoded); <c>disks</c> are new volumes made and attached at launch, <c>volumes</c>
/// existing ones; <c>context</c> holds the owner's KEY → value pairs for the guest's context.sh.
/// </summary>
public sealed record LaunchBody(
    string? ImageId, string? InstanceType, int? Count, int? MinCount, int? MaxCount, string? ClientToken, string? Host,
    string? UserData = null, string? KeyName = null, string? Hostname = null,
    IReadOnlyList<LaunchDiskBody>? Disks = null, IReadOnlyList<LaunchVolumeBody>? Volumes = null,
    IReadOnlyDictionary<string, string>? Context = null);

/// <summary>A new volume for a launch: its device, and a size in GiB or a snapshot to copy.</summary>
public sealed record LaunchDiskBody(string? Device, int? SizeGiB, string? SnapshotId, bool? DeleteOnTermination);

/// <summary>An existing volume of the owner's to attach at launch, at a device or the next free one, with an optional mount point.</summary>
public sealed record LaunchVolumeBody(string? VolumeId, string? Device, string? MountPoint = null);

public sealed record HostView(
    string Id, string Name, HostStatus Status, string HypervisorUri, int Cpus, long MemoryMiB,
    int UsedCpus, long UsedMemoryMiB, int Instances, DateTimeOffset LastHeartbeatAt);

public sealed record UserBody(string? Name, string? Password, bool? IsAdmin, QuotaBody? Quota);

public sealed record QuotaBody(int? Instances, int? Cpus, long? MemoryMiB, long? VolumeGiB = null, int? Snapshots = null);

public sealed record UserView(string Name, bool IsAdmin, QuotaBody Quota, DateTimeOffset CreatedAt)
{
    public static UserView Of(User u) => new(u.Id, u.IsAdmin, new QuotaBody(u.Quota.Instances, u.Quota.Cpus, u.Quota.MemoryMiB, u.Quota.VolumeGiB, u.Quota.Snapshots), u.CreatedAt);
}

public sealed record AccessKeyView(string AccessKeyId, string Owner, bool Active, DateTimeOffset CreatedAt)
{
    public static AccessKeyView Of(AccessKey k) => new(k.Id, k.Owner, k.Active, k.CreatedAt);
}

public sealed record NewAccessKeyView(string AccessKeyId, string SecretAccessKey, string Owner, DateTimeOffset CreatedAt);

/// <summary>An image to register: by <c>Name</c>, <c>Url</c> and <c>Sha1</c>, or by <c>Marketplace</c>, naming an entry.</summary>
public sealed record ImageBody(string? Name, string? Url, string? Sha1, bool? IsPublic, string? Marketplace = null, BootBody? Boot = null);

/// <summary>A kernel (required), an initrd and a command line for an image that boots directly.</summary>
public sealed record BootBody(BootFileBody? Kernel, BootFileBody? Initrd, string? CommandLine)
{
    /// <summary>The core's form, or the reason it cannot be one.</summary>
    public (ImageBoot? Boot, string? Problem) ToBoot()
    {
        if (Kernel?.Url is not { } kernelUrl || Kernel.Sha1 is not { } kernelSha1)
        {
            return (null, "boot.kernel with url and sha1 is required when boot is given");
        }

        if (Initrd is not null && (Initrd.Url is null || Initrd.Sha1 is null))
        {
            return (null, "boot.initrd needs url and sha1");
        }

        var initrd = Initrd is null ? null : new BootFile(Initrd.Url!, Initrd.Sha1!, Initrd.Bytes);
        return (new ImageBoot(new BootFile(kernelUrl, kernelSha1, Kernel.Bytes), initrd, CommandLine ?? ""), null);
    }
}

public sealed record BootFileBody(string? Url, string? Sha1, long? Bytes);

public sealed record ImageView(string Id, string Name, string Owner, string Url, string Sha1, bool IsPublic, DateTimeOffset RegisteredAt,
    string? MarketplaceIdentifier = null, string? Endorser = null, ImageBoot? Boot = null,
    string State = "available", string? StateReason = null, string? SourceInstanceId = null, long? Bytes = null)
{
    public static ImageView Of(Image i) => new(i.Id, i.Name, i.Owner, i.Url, i.Sha1, i.IsPublic, i.RegisteredAt, i.MarketplaceIdentifier, i.Endorser, i.Boot,
        i.State.ToString().ToLowerInvariant(), i.StateReason, i.SourceInstanceId, i.Bytes);
}

/// <summary>A save of an instance's disk: the new image's name (null: named after the instance) and whether to wait until it is stopped.</summary>
public sealed record SaveBody(string? Name, bool? Deferred);

public sealed record InstanceTypeView(string Name, int Cpus, long MemoryMiB)
{
    public static InstanceTypeView Of(InstanceType t) => new(t.Name, t.Cpus, t.MemoryMiB);
}

public sealed record ConsoleView(string InstanceId, long End, string Text);

public sealed record HealthView(string Status, string Version);
