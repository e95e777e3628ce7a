using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Volumes;

/// <summary>A volume's life: creating → available ⇄ in-use → deleting → deleted, or error.</summary>
public enum VolumeState
{
    Creating,
    Available,
    InUse,
    Deleting,
    Deleted,
    Error,
}

/// <summary>An attachment's progress: the core asks, the host confirms.</summary>
public enum AttachmentState
{
    /// <summary>Asked; the host has not yet reported the disk on the domain.</summary>
    Attaching,
    Attached,
    /// <summary>Asked to go; the host still reports the disk.</summary>
    Detaching,
}

/// <summary>Who may see a volume: its owner only, or (read-only) every user, as StratusLab's pdisk allows.</summary>
public enum VolumeVisibility
{
    Private,
    Public,
}

/// <summary>One instance a volume is attached to.</summary>
public sealed class VolumeAttachment
{
    public string InstanceId { get; set; } = "";

    /// <summary>The device name the owner asked for (<c>/dev/sdf</c>, <c>/dev/vdb</c>).</summary>
    public string Device { get; set; } = "";

    /// <summary>The hypervisor's device (<c>vdc</c>, <c>vdd</c>…; hosts keep <c>vda</c> and <c>vdb</c> for the boot and context disks), fixed for the attachment's life.</summary>
    public string Target { get; set; } = "";

    /// <summary>Where the owner said the guest mounts it (an absolute path, kept and shown, never acted on); null for none.</summary>
    public string? MountPoint { get; set; }

    public AttachmentState State { get; set; }
    public DateTimeOffset AttachedAt { get; set; }

    /// <summary>The volume is deleted when this instance is terminated (EC2's DeleteOnTermination).</summary>
    public bool DeleteOnTermination { get; set; }
}

/// <summary>
/// Where an exported volume comes from and who may attach it: the container's ObjectID and the
/// instances its export names (any owner's: the export is the grant).
/// </summary>
public sealed class VolumeExport
{
    /// <summary>The ObjectID of the container whose export made the volume.</summary>
    public string ContainerId { get; set; } = "";

    /// <summary>The instances allowed to attach it.</summary>
    public List<string> Computes { get; set; } = [];
}

/// <summary>
/// A persistent disk. Read-write volumes attach to one instance at a time and outlive it; a
/// read-only volume (a shared disk made from a Marketplace image) attaches to many at once.
/// Its data lives where <see cref="Source"/> says, made by the site's <see cref="Ports.IVolumeBackend"/>.
/// </summary>
public sealed class Volume : Tags.ITagged
{
    /// <summary><c>vol-</c> + 17 hex digits.</summary>
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public int SizeGiB { get; set; }
    public VolumeState State { get; set; }
    public string? StateReason { get; set; }
    public string AvailabilityZone { get; set; } = "";

    /// <summary>The snapshot it was made from, if any.</summary>
    public string? SnapshotId { get; set; }

    /// <summary>The Marketplace image whose bytes it holds (a shared read-only disk), if any.</summary>
    public string? ImageId { get; set; }

    /// <summary>The volume it is a copy-on-write copy of, if any.</summary>
    public string? OriginId { get; set; }

    public bool ReadOnly { get; set; }
    public VolumeVisibility Visibility { get; set; }

    /// <summary>
    /// Taken out of use by its owner (OCCI's offline, OpenNebula's disabled image): nothing attaches
    /// it until it is brought online. Only an available volume goes offline, and its state stays available.
    /// </summary>
    public bool Offline { get; set; }

    /// <summary>A short name the owner gives (pdisk's tag, OCCI's title); null for none.</summary>
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>
    /// The class of storage asked for (EC2's volume type: <c>standard</c>, <c>gp2</c>…). Every class is
    /// served alike by the qcow2 backend; a backend with tiers would place a volume by it.
    /// </summary>
    public string StorageClass { get; set; } = DefaultStorageClass;

    /// <summary>The class of volumes created without one.</summary>
    public const string DefaultStorageClass = "standard";

    /// <summary>Where the backend put its data; null until created.</summary>
    public DiskSource? Source { get; set; }

    public List<VolumeAttachment> Attachments { get; set; } = [];

    /// <summary>
    /// The storage container this volume backs, when it was made for a container's export (CDMI's
    /// OCCI/iSCSI export); then only the instances the export names attach it. Null for any other volume.
    /// </summary>
    public VolumeExport? Export { get; set; }

    public string? ClientToken { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    string Tags.ITagged.ResourceId => Id;
}
