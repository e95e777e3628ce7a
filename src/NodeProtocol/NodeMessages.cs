namespace StandardsCloud.NodeProtocol;

/// <summary>
/// The contract between the compute core and the node daemons. A node daemon always calls the core
/// (it needs no inbound port): it registers with a join token, then loops on <see cref="SyncRequest"/>,
/// which is at once its heartbeat, its report of domain states and its long-poll for desired state.
/// Desired state is complete on every answer that carries it, so applying it is idempotent and
/// survives restarts of either side; an answer may instead say that it equals what the node has.
/// </summary>
public static class NodeApi
{
    /// <summary>Version of this contract; the core refuses a node that speaks another.</summary>
    public const int Version = 4;

    /// <summary>Path prefix of the node endpoints on the core.</summary>
    public const string Prefix = "/node/v1";

    public const string RegisterPath = Prefix + "/register";
    public const string SyncPath = Prefix + "/sync";
    public const string ConsolePath = Prefix + "/console";
}

/// <summary>Host resources a node offers to the scheduler, and its CPUs' clock (MHz, as libvirt reports it; 0 when unknown).</summary>
public sealed record HostCapacity(int Cpus, long MemoryMiB, int CpuMhz = 0);

/// <summary>First call of a node: proves it may join, names itself, offers capacity.</summary>
public sealed record RegisterRequest(
    string NodeName,
    string JoinToken,
    int ProtocolVersion,
    HostCapacity Capacity,
    string HypervisorUri,
    string? Architecture = null);

/// <summary>
/// Answer to a registration: the host's identity and a bearer token for every later call
/// (<c>Authorization: Bearer …</c>).
/// </summary>
public sealed record RegisterResponse(string HostId, string NodeToken, int HeartbeatSeconds);

/// <summary>
/// Heartbeat, report and long-poll in one. When <see cref="Wait"/> is true and the desired state
/// the core would answer has the hash <see cref="KnownDesiredHash"/>, the core holds the request
/// until the desired state changes or a heartbeat interval passes.
/// <see cref="Domains"/> is the node's complete report, or null for a sync that carries none:
/// a node sends its reports one at a time on non-waiting syncs and keeps them off the waiting
/// one, so that an older report can never arrive after a newer one.
/// </summary>
public sealed record SyncRequest(
    string KnownDesiredHash,
    bool Wait,
    HostCapacity Capacity,
    IReadOnlyList<DomainReport>? Domains);

/// <summary>
/// The complete desired state of a host: every domain it should hold, and nothing else.
/// <see cref="Revision"/> grows with the time the core read that state; a node that has applied a
/// newer revision ignores an older answer arriving late (a node has several syncs in flight).
/// When <see cref="Unchanged"/> is true the state equals the one the node named in its request
/// (<see cref="SyncRequest.KnownDesiredHash"/>, the same as <see cref="DesiredHash"/>) and
/// <see cref="Domains"/> is empty: a node whose state has moved on since ignores such an answer.
/// </summary>
public sealed record SyncResponse(string DesiredHash, IReadOnlyList<DesiredDomain> Domains, long Revision = 0, bool Unchanged = false)
{
    /// <summary>The answer that the state with hash <paramref name="hash"/>, read at <paramref name="revision"/>, is still the desired one.</summary>
    public static SyncResponse Same(string hash, long revision) => new(hash, [], revision, Unchanged: true);
}

/// <summary>
/// What a node sees of one domain it manages. <see cref="AttachedVolumes"/> names the volumes the
/// domain has attached right now (its definition, and the live guest when it runs), so the core
/// learns when an attach or a detach has really happened; null from nodes that report no disks.
/// <see cref="Saved"/> answers the domain's disk saves that are done, each as it ended.
/// </summary>
public sealed record DomainReport(
    string InstanceId,
    DomainState State,
    string? Reason = null,
    IReadOnlyList<string>? AttachedVolumes = null,
    IReadOnlyList<SavedDisk>? Saved = null);

/// <summary>State of a domain as the node sees it.</summary>
public enum DomainState
{
    /// <summary>No such domain on the host.</summary>
    Missing,
    /// <summary>The node is fetching the image, building disks or defining the domain.</summary>
    Preparing,
    /// <summary>Defined and shut off.</summary>
    ShutOff,
    Running,
    Paused,
    /// <summary>A shutdown was asked and the guest has not gone yet.</summary>
    ShuttingDown,
    /// <summary>The node could not build or run the domain; the report carries the reason.</summary>
    Failed,
}

/// <summary>The power state the core wants a domain in.</summary>
public enum DesiredPower
{
    Running,
    ShutOff,
    Paused,
}

/// <summary>
/// An image as the node fetches it: from a URL, checked by SHA-1 and, when known, by size in bytes.
/// <see cref="Boot"/>, when present, names the kernel and initrd the hypervisor loads itself.
/// </summary>
public sealed record ImageSource(string ImageId, string Url, string Sha1, long? Bytes = null, DirectBoot? Boot = null);

/// <summary>
/// Direct kernel boot: the hypervisor loads <see cref="Kernel"/> and <see cref="Initrd"/> into the
/// guest and hands it <see cref="CommandLine"/>, with no firmware disk scan and no boot loader. The
/// image's disk is still attached (as <c>vda</c>). Each file is fetched and checked like an image.
/// </summary>
public sealed record DirectBoot(ImageSource Kernel, ImageSource? Initrd, string CommandLine);

/// <summary>
/// One domain a host should hold. <see cref="RebootGeneration"/> grows by one for each reboot asked,
/// so a node reboots exactly when it has applied an older generation. <see cref="Context"/> is what
/// the guest learns about itself (its context disk and the metadata service); <see cref="Disks"/>
/// are the volumes it should have attached, in the order the owner attached them. <see cref="Saves"/>
/// are copies of its own disk the owner asked for, each to become an image. <see cref="Ingress"/> is the
/// inbound traffic its security groups allow (see <see cref="InboundRule"/>); null when the core sends
/// none, and then the host filters nothing.
/// </summary>
public sealed record DesiredDomain(
    string InstanceId,
    int Cpus,
    long MemoryMiB,
    ImageSource Image,
    DesiredPower Power,
    int RebootGeneration,
    InstanceContext? Context = null,
    IReadOnlyList<DesiredDisk>? Disks = null,
    IReadOnlyList<DiskSave>? Saves = null,
    IReadOnlyList<InboundRule>? Ingress = null);

/// <summary>
/// A copy of a domain's own disk (its image with everything the guest wrote) to be written as a raw
/// image file at <see cref="Path"/>, on storage the core and the hosts share, to become the image
/// <see cref="ImageId"/>. A hot save copies the disk as it is now, crash-consistent while the guest
/// runs; a deferred one waits until the domain is shut off.
/// </summary>
public sealed record DiskSave(string ImageId, string Path, bool Deferred);

/// <summary>
/// How a save ended: the file's SHA-1 (lowercase hex) and size, or the reason it failed
/// (<see cref="Sha1"/> null). The node keeps reporting it while the core still asks for the save.
/// </summary>
public sealed record SavedDisk(string ImageId, string? Sha1, long Bytes, string? Error = null);

/// <summary>
/// What a guest learns about itself. The node renders it as the instance's context disk (a
/// cloud-init NoCloud seed labelled <c>cidata</c> that also carries StratusLab/OpenNebula
/// <c>context.sh</c>) and serves it from the EC2-style metadata service, to that guest only.
/// </summary>
/// <param name="Hostname">The guest's host name.</param>
/// <param name="ImageId">The image it was launched from (<c>ami-…</c>).</param>
/// <param name="InstanceType">Its instance type's name.</param>
/// <param name="ReservationId">The reservation it was launched in (<c>r-…</c>).</param>
/// <param name="LaunchIndex">Its position in that reservation, from 0.</param>
/// <param name="AvailabilityZone">The zone it runs in.</param>
/// <param name="PrivateAddress">Its IPv4 address on the site's private network, if it has one.</param>
/// <param name="PrivatePrefixLength">The private network's prefix length (16 for a /16).</param>
/// <param name="Gateway">The private network's gateway, if the site names one.</param>
/// <param name="PublicAddress">The public (elastic) address associated with it, if any.</param>
/// <param name="KeyName">The key pair it was launched with, if any.</param>
/// <param name="PublicKeys">OpenSSH public keys the guest accepts: the key pair's first, then any given at launch.</param>
/// <param name="UserData">Base64 user data, at most 16 KiB decoded; null for none.</param>
/// <param name="SecurityGroups">The names of the security groups it belongs to.</param>
/// <param name="Pairs">The owner's own context pairs (KEY → value), written into <c>context.sh</c>.</param>
public sealed record InstanceContext(
    string Hostname,
    string ImageId,
    string InstanceType,
    string ReservationId,
    int LaunchIndex,
    string AvailabilityZone,
    string? PrivateAddress,
    int PrivatePrefixLength,
    string? Gateway,
    string? PublicAddress,
    string? KeyName,
    IReadOnlyList<string> PublicKeys,
    string? UserData,
    IReadOnlyList<string> SecurityGroups,
    IReadOnlyDictionary<string, string> Pairs);

/// <summary>Where a disk's data lives, as the node hands it to the hypervisor.</summary>
public enum DiskSourceKind
{
    /// <summary>A file on a filesystem the host sees (the qcow2 backend: a local or shared directory).</summary>
    File,
    /// <summary>A Marketplace image, which the node fetches into its image cache and attaches read-only.</summary>
    Image,
}

/// <summary>
/// A disk's data: a file (<see cref="Path"/> and its <see cref="Format"/>, <c>qcow2</c> or <c>raw</c>)
/// or an image (<see cref="Image"/>). Network sources (Ceph RBD, iSCSI) can be added as further kinds.
/// </summary>
public sealed record DiskSource(DiskSourceKind Kind, string? Path = null, string Format = "qcow2", ImageSource? Image = null);

/// <summary>
/// A volume a domain should have attached. <see cref="Target"/> is the hypervisor's device name
/// (<c>vdb</c>, <c>vdc</c>, …; virtio, after the boot disk and the context disk); <see cref="Device"/>
/// is the name the owner asked for (<c>/dev/sdf</c>), which the metadata service reports.
/// A read-only disk is attached shareable, so many domains may hold it at once.
/// </summary>
public sealed record DesiredDisk(string VolumeId, string Device, string Target, DiskSource Source, bool ReadOnly);

/// <summary>A piece of a domain's serial console output, sent by the node as it appears.</summary>
public sealed record ConsoleChunk(string InstanceId, long Offset, string Text);
