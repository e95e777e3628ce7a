using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Reconciliation;

/// <summary>
/// A managed (<c>sc-</c>) domain as libvirt shows it: its state, the reboot generation it last
/// applied and its size (vCPUs and memory; for a running domain, the size it booted with).
/// </summary>
public sealed record ActualDomain(string InstanceId, VirtDomainState State, int RebootGeneration, int Cpus, long MemoryMiB)
{
    /// <summary>True while the guest is running in any sense: executing, blocked, paused or going down.</summary>
    public bool IsActive => State is not (VirtDomainState.ShutOff or VirtDomainState.Crashed or VirtDomainState.NoState);

    public bool IsPaused => State is VirtDomainState.Paused or VirtDomainState.PmSuspended;

    public bool HasSizeOf(DesiredDomain desired) => Cpus == desired.Cpus && MemoryMiB == desired.MemoryMiB;
}

/// <summary>Why a desired entry could not be carried out; kept until that entry changes.</summary>
public sealed record DomainFailure(DesiredDomain Desired, string Reason);

/// <summary>
/// Everything the reconciler looks at: the desired entries, what libvirt holds, what the node is
/// already doing, what failed, and when graceful shutdowns were asked.
/// </summary>
public sealed record ObservedHost(
    IReadOnlyList<DesiredDomain> Desired,
    IReadOnlyDictionary<string, ActualDomain> Actual,
    IReadOnlyDictionary<string, DomainFailure> Failures,
    IReadOnlySet<string> Busy,
    IReadOnlyDictionary<string, DateTimeOffset> ShutdownAskedAt,
    DateTimeOffset Now);
