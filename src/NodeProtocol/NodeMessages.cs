namespace StandardsCloud.NodeProtocol;

/// <summary>
/// The contract between the compute core and the node daemons. A node daemon always calls the core
/// (it needs no inbound port): it registers with a join token, then loops on <see cref="SyncRequest"/>,
/// which is at once its heartbeat, its report of domain states and its long-poll for desired state.
/// Desired state is complete on every answer, so applying it is idempotent and survives restarts
/// of either side.
/// </summary>
public static class NodeApi
{
    /// <summary>Version of this contract; the core refuses a node that speaks another.</summary>
    public const int Version = 1;

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
/// </summary>
public sealed record SyncResponse(string DesiredHash, IReadOnlyList<DesiredDomain> Domains, long Revision = 0);

/// <summary>What a node sees of one domain it manages.</summary>
public sealed record DomainReport(string InstanceId, DomainState State, string? Reason = null);

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

/// <summary>An image as the node fetches it: from a URL, checked by SHA-1 and, when known, by size in bytes.</summary>
public sealed record ImageSource(string ImageId, string Url, string Sha1, long? Bytes = null);

/// <summary>
/// One domain a host should hold. <see cref="RebootGeneration"/> grows by one for each reboot asked,
/// so a node reboots exactly when it has applied an older generation.
/// </summary>
public sealed record DesiredDomain(
    string InstanceId,
    int Cpus,
    long MemoryMiB,
    ImageSource Image,
    DesiredPower Power,
    int RebootGeneration);

/// <summary>A piece of a domain's serial console output, sent by the node as it appears.</summary>
public sealed record ConsoleChunk(string InstanceId, long Offset, string Text);
