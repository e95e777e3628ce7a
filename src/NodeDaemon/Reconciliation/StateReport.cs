using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Reconciliation;

/// <summary>
/// What the node tells the core: every desired domain, and every managed domain still on the host
/// even if no longer desired, so the core sees a removal finish when the domain drops out. Each
/// report lists the volumes the domain really holds (none for a domain that does not exist).
/// </summary>
public static class StateReport
{
    public static IReadOnlyList<DomainReport> Build(ObservedHost host)
    {
        var reports = new List<DomainReport>(host.Desired.Count + 4);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var desired in host.Desired)
        {
            seen.Add(desired.InstanceId);
            if (host.Failures.TryGetValue(desired.InstanceId, out var failure) && failure.Concerns(desired))
            {
                var held = host.Actual.TryGetValue(desired.InstanceId, out var failed) ? failed.AttachedVolumes : [];
                reports.Add(new DomainReport(desired.InstanceId, DomainState.Failed, failure.Reason, held, SavedOf(desired, host)));
            }
            else if (host.Actual.TryGetValue(desired.InstanceId, out var actual))
            {
                reports.Add(new DomainReport(desired.InstanceId, StateOf(actual, host), null, actual.AttachedVolumes, SavedOf(desired, host)));
            }
            else
            {
                var state = host.Busy.Contains(desired.InstanceId) ? DomainState.Preparing : DomainState.Missing;
                reports.Add(new DomainReport(desired.InstanceId, state, null, []));
            }
        }

        foreach (var actual in host.Actual.Values.OrderBy(a => a.InstanceId, StringComparer.Ordinal))
        {
            if (!seen.Contains(actual.InstanceId))
            {
                reports.Add(new DomainReport(actual.InstanceId, StateOf(actual, host), null, actual.AttachedVolumes));
            }
        }

        return reports;
    }

    /// <summary>True when two reports say the same, attached volumes compared by content.</summary>
    public static bool Same(IReadOnlyList<DomainReport> a, IReadOnlyList<DomainReport> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i], b[i]);
            if (x.InstanceId != y.InstanceId || x.State != y.State || x.Reason != y.Reason
                || !(x.AttachedVolumes ?? []).SequenceEqual(y.AttachedVolumes ?? [], StringComparer.Ordinal)
                || !(x.Saved ?? []).SequenceEqual(y.Saved ?? []))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The ended saves the desired entry still asks for; null when there are none.</summary>
    private static IReadOnlyList<SavedDisk>? SavedOf(DesiredDomain desired, ObservedHost host)
    {
        var ended = (desired.Saves ?? []).Select(s => host.Saved?.GetValueOrDefault(s.ImageId)).OfType<SavedDisk>().ToList();
        return ended.Count > 0 ? ended : null;
    }

    private static DomainState StateOf(ActualDomain actual, ObservedHost host) => actual.State switch
    {
        VirtDomainState.Running or VirtDomainState.Blocked when host.ShutdownAskedAt.ContainsKey(actual.InstanceId)
            => DomainState.ShuttingDown,
        VirtDomainState.Running or VirtDomainState.Blocked => DomainState.Running,
        VirtDomainState.Paused or VirtDomainState.PmSuspended => DomainState.Paused,
        VirtDomainState.ShuttingDown => DomainState.ShuttingDown,
        _ => DomainState.ShutOff,
    };
}
