using StandardsCloud.NodeDaemon.Reconciliation;

namespace StandardsCloud.NodeDaemon.Agent;

/// <summary>
/// The volumes each domain was last seen holding, so that a pass does not read every domain's XML.
/// An entry holds until the daemon changes the domain, a lifecycle event arrives for it, or it
/// turns active or inactive; a read that overlaps a change is used once but not kept.
/// </summary>
internal sealed class DiskCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (bool Active, IReadOnlyList<ActualDisk> Disks)> _entries = new(StringComparer.Ordinal);
    private long _changes;

    /// <summary>The cached disks, or those <paramref name="read"/> returns (none when it cannot read them).</summary>
    public IReadOnlyList<ActualDisk> Get(string instanceId, bool active, Func<IReadOnlyList<ActualDisk>?> read)
    {
        long changes;
        lock (_gate)
        {
            if (_entries.TryGetValue(instanceId, out var known) && known.Active == active)
            {
                return known.Disks;
            }

            changes = _changes;
        }

        var disks = read();
        lock (_gate)
        {
            if (disks is not null && changes == _changes)
            {
                _entries[instanceId] = (active, disks);
            }
        }

        return disks ?? [];
    }

    public void Forget(string instanceId)
    {
        lock (_gate)
        {
            _changes++;
            _entries.Remove(instanceId);
        }
    }

    /// <summary>Drops the entries of domains that are gone.</summary>
    public void KeepOnly(IEnumerable<string> instanceIds)
    {
        var keep = instanceIds.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var id in _entries.Keys.Where(id => !keep.Contains(id)).ToList())
            {
                _entries.Remove(id);
            }
        }
    }
}
