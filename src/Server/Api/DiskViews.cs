using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Server.Api;

/// <summary>
/// A disk as the disk API shows it, with StratusLab pdisk's names: <c>uuid</c>, <c>tag</c>, <c>visibility</c>, <c>users</c> (its mounts);
/// <c>online</c> false for a disk its owner took out of use (it mounts nowhere until brought online).
/// </summary>
public sealed record DiskView(
    string Uuid, string Owner, int Size, string? Tag, string Visibility, string State, int Users, bool ReadOnly,
    string? Origin, string? Snapshot, DateTimeOffset Created, bool Online)
{
    public static DiskView Of(Volume v) => new(v.Id, v.Owner, v.SizeGiB, v.Name, Names.Of(v.Visibility), Names.Of(v.State), v.Attachments.Count,
        v.ReadOnly, v.OriginId, v.SnapshotId, v.CreatedAt, !v.Offline);
}

/// <summary>One instance a disk is mounted on: the device asked for, the one the hypervisor gave, and the mount point the owner gave.</summary>
public sealed record MountView(string Disk, string Instance, string Device, string? Target, string State, DateTimeOffset Mounted, string? MountPoint)
{
    public static MountView Of(string diskId, VolumeAttachment a) =>
        new(diskId, a.InstanceId, a.Device, a.Target.Length > 0 ? a.Target : null, a.State.ToString().ToLowerInvariant(), a.AttachedAt, a.MountPoint);
}

/// <summary>A snapshot of a disk: its state (pending, completed, error) and the size of the disk it froze.</summary>
public sealed record SnapshotView(string Uuid, string Disk, int Size, string State, string? Description, DateTimeOffset Started)
{
    public static SnapshotView Of(Snapshot s) => new(s.Id, s.VolumeId, s.SizeGiB, s.State.ToString().ToLowerInvariant(), s.Description, s.StartedAt);
}

/// <summary>A new snapshot of a disk, with an optional description.</summary>
public sealed record SnapshotBody(string? Description);

/// <summary>A new disk: <c>size</c> in GiB (or the snapshot's), optional <c>tag</c>, <c>visibility</c> and <c>snapshot</c> to make it from.</summary>
public sealed record DiskBody(int? Size, string? Tag, string? Visibility, string? Snapshot);

/// <summary>What an owner may change on a disk; absent fields stay as they are. <c>online</c> false takes an unmounted disk out of use.</summary>
public sealed record DiskChangeBody(string? Tag, string? Visibility, bool? Online = null);

/// <summary>Mounts a disk on one of the caller's instances; <c>device</c> null picks the next free one; <c>mountPoint</c> is kept and shown.</summary>
public sealed record MountBody(string? Instance, string? Device, string? MountPoint = null);

/// <summary>A copy-on-write copy: its own tag, visibility and (not smaller) size.</summary>
public sealed record CopyBody(int? Size, string? Tag, string? Visibility);

/// <summary>The lower-case words the disk API uses for the core's enumerations.</summary>
internal static class Names
{
    public static string Of(VolumeVisibility visibility) => visibility == VolumeVisibility.Public ? "public" : "private";

    public static string Of(VolumeState state) => state == VolumeState.InUse ? "in-use" : state.ToString().ToLowerInvariant();

    /// <summary>Reads <c>private</c> or <c>public</c> (any case); absent is null and fine, anything else is false.</summary>
    public static bool TryVisibility(string? text, out VolumeVisibility? visibility)
    {
        visibility = null;
        switch (text?.ToLowerInvariant())
        {
            case null:
                return true;
            case "private":
                visibility = VolumeVisibility.Private;
                return true;
            case "public":
                visibility = VolumeVisibility.Public;
                return true;
            default:
                return false;
        }
    }
}
