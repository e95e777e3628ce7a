using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Volumes;

/// <summary>A volume was asked for; <paramref name="From"/> says what its content comes from.</summary>
public sealed record VolumeCreated(EventContext Context, string Owner, int SizeGiB, string From, bool ReadOnly, VolumeVisibility Visibility) : IResourceEvent
{
    public string Describe() => $"created for {Owner}: {SizeGiB} GiB from {From}{(ReadOnly ? ", read-only" : "")}, {Visibility.ToString().ToLowerInvariant()}";
}

/// <summary>The volume moved between states; the reason says why (a backend's error, an instance's end).</summary>
public sealed record VolumeStateChanged(EventContext Context, VolumeState From, VolumeState To, string? Reason) : IResourceEvent
{
    public string Describe() => Reason is null ? $"{From} → {To}" : $"{From} → {To}: {Reason}";
}

/// <summary>An attach was asked; <paramref name="MountPoint"/> is where the owner said the guest mounts it, if anywhere.</summary>
public sealed record VolumeAttached(EventContext Context, string InstanceId, string Device, string Target, bool DeleteOnTermination, string? MountPoint = null) : IResourceEvent
{
    public string Describe() =>
        $"attaching to {InstanceId} as {Device} ({Target}){(MountPoint is null ? "" : ", mounted at " + MountPoint)}{(DeleteOnTermination ? ", deleted with it" : "")}";
}

/// <summary>The instance's host reported the disk on its domain (or the instance holds no domain).</summary>
public sealed record VolumeAttachConfirmed(EventContext Context, string InstanceId) : IResourceEvent
{
    public string Describe() => $"attached to {InstanceId}";
}

/// <summary>A detach was asked; a forced one releases the attachment without waiting for the host.</summary>
public sealed record VolumeDetachAsked(EventContext Context, string InstanceId, bool Forced = false) : IResourceEvent
{
    public string Describe() => Forced ? $"forced detach from {InstanceId}" : $"detaching from {InstanceId}";
}

/// <summary>The attachment is gone.</summary>
public sealed record VolumeDetached(EventContext Context, string InstanceId, string Reason) : IResourceEvent
{
    public string Describe() => $"detached from {InstanceId}: {Reason}";
}

/// <summary>The owner changed the name, description or visibility.</summary>
public sealed record VolumeUpdated(EventContext Context, string? Name, string? Description, VolumeVisibility Visibility) : IResourceEvent
{
    public string Describe() => $"updated: name '{Name}', description '{Description}', {Visibility.ToString().ToLowerInvariant()}";
}

/// <summary>The volume backs the export of storage container <paramref name="ContainerId"/>; <paramref name="Computes"/> may attach it.</summary>
public sealed record VolumeExported(EventContext Context, string ContainerId, IReadOnlyList<string> Computes) : IResourceEvent
{
    public string Describe() => $"exported from container {ContainerId} to {(Computes.Count == 0 ? "no compute" : string.Join(", ", Computes))}";
}

/// <summary>The export's list of instances allowed to attach the volume changed.</summary>
public sealed record VolumeExportChanged(EventContext Context, IReadOnlyList<string> Computes) : IResourceEvent
{
    public string Describe() => $"export now allows {(Computes.Count == 0 ? "no compute" : string.Join(", ", Computes))}";
}

/// <summary>The owner took the volume out of use: it attaches nowhere until brought online.</summary>
public sealed record VolumeTakenOffline(EventContext Context) : IResourceEvent
{
    public string Describe() => "taken offline";
}

/// <summary>The owner brought an offline volume back into use.</summary>
public sealed record VolumeBroughtOnline(EventContext Context) : IResourceEvent
{
    public string Describe() => "brought online";
}

/// <summary>A mount point an earlier version kept as an instance tag was moved onto the attachment to <paramref name="InstanceId"/>.</summary>
public sealed record VolumeMountPointMoved(EventContext Context, string InstanceId, string MountPoint) : IResourceEvent
{
    public string Describe() => $"mount point on {InstanceId} set to {MountPoint} (moved from the instance's tag)";
}

/// <summary>A snapshot of this volume was started.</summary>
public sealed record VolumeSnapshotTaken(EventContext Context, string SnapshotId) : IResourceEvent
{
    public string Describe() => $"snapshot {SnapshotId} taken";
}

/// <summary>A snapshot was started from <paramref name="VolumeId"/>.</summary>
public sealed record SnapshotStarted(EventContext Context, string Owner, string VolumeId, int SizeGiB) : IResourceEvent
{
    public string Describe() => $"started for {Owner} from {VolumeId} ({SizeGiB} GiB)";
}

/// <summary>The snapshot moved between states.</summary>
public sealed record SnapshotStateChanged(EventContext Context, SnapshotState From, SnapshotState To, string? Reason) : IResourceEvent
{
    public string Describe() => Reason is null ? $"{From} → {To}" : $"{From} → {To}: {Reason}";
}

/// <summary>The snapshot and its data are gone.</summary>
public sealed record SnapshotDeleted(EventContext Context) : IResourceEvent
{
    public string Describe() => "deleted";
}
