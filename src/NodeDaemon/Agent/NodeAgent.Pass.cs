using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Agent;

/// <summary>One pass: observe, plan, dispatch, report.</summary>
public sealed partial class NodeAgent
{
    private DateTimeOffset? Pass(CancellationToken cancellationToken)
    {
        // Work that finishes while libvirt is being read may not show in what was read:
        // a domain busy at either end of the observation is left for the next pass.
        HashSet<string> busyBefore;
        lock (_gate)
        {
            busyBefore = new HashSet<string>(_busy, StringComparer.Ordinal);
        }

        var actual = Observe();
        if (actual is null)
        {
            return _time.GetUtcNow() + RemovalRetry;
        }

        var now = _time.GetUtcNow();
        ReconcilePlan plan;
        ObservedHost host;
        lock (_gate)
        {
            Prune(actual, now);
            var busy = busyBefore;
            busy.UnionWith(_busy);
            busy.UnionWith(_removalRetryAt.Keys);
            host = new ObservedHost(
                _desired ?? [],
                actual,
                new Dictionary<string, DomainFailure>(_failures, StringComparer.Ordinal),
                busy,
                new Dictionary<string, DateTimeOffset>(_shutdownAskedAt, StringComparer.Ordinal),
                now,
                new Dictionary<DiskKey, DateTimeOffset>(_diskAskedAt),
                new Dictionary<string, SavedDisk>(_saved, StringComparer.Ordinal));

            // Before the core has spoken nothing is known to be unwanted: leave the host alone.
            plan = _desired is null ? new ReconcilePlan([], null) : _reconciler.Plan(host);
            foreach (var action in plan.Actions)
            {
                _busy.Add(action.InstanceId);
            }

            if (plan.Actions.Count > 0)
            {
                host = host with { Busy = new HashSet<string>(_busy, StringComparer.Ordinal) };
            }
        }

        Dispatch(plan.Actions, cancellationToken);
        Publish(host, actual);

        var wakeAt = plan.WakeAt;
        lock (_gate)
        {
            foreach (var retryAt in _removalRetryAt.Values)
            {
                wakeAt = wakeAt is null || retryAt < wakeAt ? retryAt : wakeAt;
            }
        }

        return wakeAt;
    }

    /// <summary>Managed domains by instance id, or null when libvirt cannot be read.</summary>
    private Dictionary<string, ActualDomain>? Observe()
    {
        var listed = _connection.ListAll();
        if (!listed.IsOk)
        {
            _logger.ObserveFailed(listed.Error);
            return null;
        }

        var actual = new Dictionary<string, ActualDomain>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domain in listed.Value)
        {
            using (domain)
            {
                if (!DomainName.TryGetInstanceId(domain.Name, out var instanceId) || !seen.Add(instanceId) || IsForeign(domain, instanceId))
                {
                    continue;
                }

                // A domain may vanish between the listing and this call; the next pass sees it gone.
                var info = domain.GetInfo();
                if (info.IsOk)
                {
                    var generation = _appliedGenerations.GetOrAdd(instanceId, _ => ReadGeneration(domain));
                    var current = new ActualDomain(
                        instanceId, info.Value.State, generation, info.Value.VirtualCpus, info.Value.MaxMemoryMiB);
                    actual[instanceId] = current with { Disks = _disks.Get(instanceId, current.IsActive, () => ReadDisks(domain, current.IsActive)) };
                }
            }
        }

        _disks.KeepOnly(actual.Keys);
        foreach (var gone in _owners.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            _owners.TryRemove(gone, out _);
        }

        return actual;
    }

    /// <summary>
    /// True for a domain another node recorded as its own (nodes sharing one libvirt), read once per domain.
    /// </summary>
    private bool IsForeign(VirtDomain domain, string instanceId)
    {
        if (_flavour.Owner is null)
        {
            return false;
        }

        var owner = _owners.GetOrAdd(instanceId, _ =>
        {
            var metadata = domain.GetMetadata(DomainMetadata.NamespaceUri, ModificationImpact.Current);
            return metadata.IsOk ? DomainMetadata.ParseOwner(metadata.Value) : null;
        });
        return owner is not null && owner != _flavour.Owner;
    }

    /// <summary>
    /// The volumes in the persistent definition and, for a running QEMU guest, in the live one;
    /// null when the domain cannot be read (it may have just gone).
    /// </summary>
    private IReadOnlyList<ActualDisk>? ReadDisks(VirtDomain domain, bool active)
    {
        var definition = domain.GetXml(DomainXmlOptions.Inactive);
        if (!definition.IsOk)
        {
            return null;
        }

        var persistent = DiskXml.ReadVolumes(definition.Value);
        var live = persistent;
        if (active && !_flavour.IsTestDriver)
        {
            var running = domain.GetXml();
            if (!running.IsOk)
            {
                return null;
            }

            live = DiskXml.ReadVolumes(running.Value);
        }

        return persistent.Union(live, StringComparer.Ordinal)
            .Select(v => new ActualDisk(v, persistent.Contains(v, StringComparer.Ordinal), live.Contains(v, StringComparer.Ordinal)))
            .ToList();
    }

    /// <summary>Only for domains this process has not seen yet, such as QEMU guests that outlived a restart.</summary>
    private static int ReadGeneration(VirtDomain domain)
    {
        var metadata = domain.GetMetadata(DomainMetadata.NamespaceUri, ModificationImpact.Current);
        return metadata.IsOk ? DomainMetadata.ParseRebootGeneration(metadata.Value) : 0;
    }

    /// <summary>Drops bookkeeping that no longer applies. Called under the gate.</summary>
    private void Prune(Dictionary<string, ActualDomain> actual, DateTimeOffset now)
    {
        var desired = new Dictionary<string, DesiredDomain>(StringComparer.Ordinal);
        foreach (var domain in _desired ?? [])
        {
            desired[domain.InstanceId] = domain;
        }

        foreach (var (id, failure) in _failures.ToList())
        {
            if (!desired.TryGetValue(id, out var entry) || !failure.Concerns(entry))
            {
                _failures.Remove(id);
            }
        }

        foreach (var id in _shutdownAskedAt.Keys.ToList())
        {
            var stillGoing = actual.TryGetValue(id, out var domain) && domain.IsActive;
            var stillWanted = desired.TryGetValue(id, out var entry) && entry.Power == DesiredPower.ShutOff;
            if (!stillGoing || !stillWanted)
            {
                _shutdownAskedAt.Remove(id);
            }
        }

        foreach (var (key, askedAt) in _diskAskedAt.ToList())
        {
            if (now >= askedAt + Reconciler.DiskRetry || !actual.ContainsKey(key.InstanceId))
            {
                _diskAskedAt.Remove(key);
            }
        }

        var saves = desired.Values.SelectMany(d => d.Saves ?? []).Select(s => s.ImageId).ToHashSet(StringComparer.Ordinal);
        foreach (var imageId in _saved.Keys.Where(id => !saves.Contains(id)).ToList())
        {
            _saved.TryRemove(imageId, out _);
        }

        foreach (var (id, retryAt) in _removalRetryAt.ToList())
        {
            if (retryAt <= now || !actual.ContainsKey(id))
            {
                _removalRetryAt.Remove(id);
            }
        }
    }

    private void Dispatch(IReadOnlyList<DomainAction> actions, CancellationToken cancellationToken)
    {
        foreach (var steps in actions.GroupBy(a => a.InstanceId, StringComparer.Ordinal))
        {
            var list = steps.ToList();
            var work = Task.Run(() => WorkAsync(list, cancellationToken), CancellationToken.None);
            _inFlight.TryAdd(work, 0);
            work.ContinueWith(done => _inFlight.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task WorkAsync(List<DomainAction> steps, CancellationToken cancellationToken)
    {
        var instanceId = steps[0].InstanceId;
        Outcome outcome;
        try
        {
            await _workers.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                outcome = await _runner.RunAsync(steps, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _workers.Release();
            }
        }
        catch (OperationCanceledException)
        {
            outcome = Outcome.Ok();
        }

        // Whatever the steps did to the domain's disks, the next pass reads them afresh.
        _disks.Forget(instanceId);
        lock (_gate)
        {
            _busy.Remove(instanceId);
            foreach (var step in steps.Where(s => s.VolumeId is not null))
            {
                _diskAskedAt[new DiskKey(instanceId, step.VolumeId!)] = _time.GetUtcNow();
            }

            if (outcome.IsOk && steps.Exists(s => s.Kind == ActionKind.Shutdown))
            {
                _shutdownAskedAt[instanceId] = _time.GetUtcNow();
            }
            else if (!outcome.IsOk && steps[0].Desired is { } desired)
            {
                _failures[instanceId] = new DomainFailure(desired, outcome.Error);
            }
            else if (!outcome.IsOk)
            {
                _removalRetryAt[instanceId] = _time.GetUtcNow() + RemovalRetry;
            }
        }

        if (!outcome.IsOk)
        {
            _logger.DomainFailed(instanceId, outcome.Error);
        }

        _wake.Set();
    }

    private void Publish(ObservedHost host, Dictionary<string, ActualDomain> actual)
    {
        var report = StateReport.Build(host);

        // When the disks wanted on a domain moved, the report goes out even if it reads the same
        // (a detach asked before the attach was made needs no step here, yet the core waits to
        // hear that the disk is not held); but only once no work on that domain is in flight, so
        // that what it says of the domain's disks is what the host ended up holding.
        int disksSettled;
        lock (_gate)
        {
            disksSettled = _disksWantedMoved.RemoveWhere(id => !host.Busy.Contains(id));
        }

        if (disksSettled > 0 || !StateReport.Same(report, _report))
        {
            _report = report;
            ReportChanged.Set();
        }

        _active = actual.Values.Where(a => a.IsActive).Select(a => a.InstanceId).ToList();
    }
}
