using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Reconciliation;

/// <summary>
/// A managed (<c>sc-</c>) domain as libvirt shows it: its state, the reboot generation it last
/// applied and its size (vCPUs and memory; for a running domain, the size it booted with).
/// </summary>
public sealed record ActualDomain(
    string InstanceId, VirtDomainState State, int RebootGeneration, int Cpus, long MemoryMiB, IReadOnlyList<ActualDisk>? Disks = null)
{
    /// <summary>The volumes the domain holds, in its definition or its running guest, in ordinal order.</summary>
    public IReadOnlyList<string> AttachedVolumes =>
        (Disks ?? []).Select(d => d.VolumeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>True while the guest is running in any sense: executing, blocked, paused or going down.</summary>
    public bool IsActive => State is not (VirtDomainState.ShutOff or VirtDomainState.Crashed or VirtDomainState.NoState);

    public bool IsPaused => State is VirtDomainState.Paused or VirtDomainState.PmSuspended;

    public bool HasSizeOf(DesiredDomain desired) => Cpus == desired.Cpus && MemoryMiB == desired.MemoryMiB;
}

/// <summary>
/// A volume's disk as a domain holds it: in its persistent definition, in the running guest, or
/// both. For a domain that is not running, and on the test driver, which has no guest to hot-plug
/// into, the definition is all there is and both say the same.
/// </summary>
public sealed record ActualDisk(string VolumeId, bool Persistent, bool Live);

/// <summary>One volume of one domain.</summary>
public readonly record struct DiskKey(string InstanceId, string VolumeId);

/// <summary>Why a desired entry could not be carried out; kept until that entry changes.</summary>
public sealed record DomainFailure(DesiredDomain Desired, string Reason)
{
    /// <summary>
    /// True when <paramref name="desired"/> is the entry that failed. Entries arrive afresh with each
    /// desired state and hold lists, so equal content counts, not the same objects.
    /// </summary>
    public bool Concerns(DesiredDomain desired) =>
        ReferenceEquals(Desired, desired) || Desired == desired
        || (Desired.InstanceId == desired.InstanceId
            && System.Text.Json.JsonSerializer.Serialize(Desired, NodeJson.Default.DesiredDomain)
                == System.Text.Json.JsonSerializer.Serialize(desired, NodeJson.Default.DesiredDomain));
}

/// <summary>
/// Everything the reconciler looks at: the desired entries, what libvirt holds, what the node is
/// already doing, what failed, when graceful shutdowns were asked and when each disk change was
/// last tried (a guest may ignore a detach; it is asked again after <see cref="Reconciler.DiskRetry"/>),
/// and the disk saves that have ended, by image id.
/// </summary>
public sealed record ObservedHost(
    IReadOnlyList<DesiredDomain> Desired,
    IReadOnlyDictionary<string, ActualDomain> Actual,
    IReadOnlyDictionary<string, DomainFailure> Failures,
    IReadOnlySet<string> Busy,
    IReadOnlyDictionary<string, DateTimeOffset> ShutdownAskedAt,
    DateTimeOffset Now,
    IReadOnlyDictionary<DiskKey, DateTimeOffset>? DiskAskedAt = null,
    IReadOnlyDictionary<string, SavedDisk>? Saved = null);
