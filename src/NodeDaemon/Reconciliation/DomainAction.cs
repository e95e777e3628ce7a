using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Reconciliation;

/// <summary>One libvirt operation the reconciler asks for.</summary>
public enum ActionKind
{
    /// <summary>Fetch the image, build the disk and define the domain.</summary>
    Define,
    /// <summary>
    /// Redefine a shut-off domain with the desired vCPUs and memory, keeping everything else it
    /// holds: disk, console, metadata, identity.
    /// </summary>
    Resize,
    Start,
    /// <summary>Ask the guest to power off by itself.</summary>
    Shutdown,
    Destroy,
    /// <summary>Forget the domain and remove its files.</summary>
    Undefine,
    Suspend,
    Resume,
    Reboot,
    /// <summary>
    /// Attach the volume <see cref="DomainAction.VolumeId"/>: hot-plugged into a running guest and
    /// its definition, or written into the definition of a shut-off domain.
    /// </summary>
    AttachDisk,
    /// <summary>Detach the volume <see cref="DomainAction.VolumeId"/>, from the guest and the definition alike.</summary>
    DetachDisk,
    /// <summary>Write the domain's disk as the image <see cref="DomainAction.ImageId"/> (a <see cref="DiskSave"/> of its desired entry).</summary>
    SaveDisk,
}

/// <summary>
/// One step for one domain. Steps for the same domain run in the order given; <see cref="Desired"/>
/// is the entry the step serves, absent when the domain is being removed; <see cref="VolumeId"/>
/// names the volume of a disk step, <see cref="ImageId"/> the image a save makes.
/// </summary>
public sealed record DomainAction(ActionKind Kind, string InstanceId, DesiredDomain? Desired = null, string? VolumeId = null, string? ImageId = null);

/// <summary>What to do now, and when to look again even if nothing else happens (a grace period ending).</summary>
public sealed record ReconcilePlan(IReadOnlyList<DomainAction> Actions, DateTimeOffset? WakeAt);
