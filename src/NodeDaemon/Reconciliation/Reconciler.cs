using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Reconciliation;

/// <summary>
/// Turns desired state and observed state into the steps that close the gap. Pure: the same
/// input always gives the same plan, and a plan applied to a host that already matches is empty,
/// which is what makes applying a complete desired state on every sync safe.
/// </summary>
public sealed class Reconciler(TimeSpan shutdownGrace)
{
    public TimeSpan ShutdownGrace { get; } = shutdownGrace;

    /// <summary>
    /// How long a disk change is given before it is tried again: a guest takes its time over a
    /// detach, or ignores it, and a failed attach may succeed later (a file that appears).
    /// </summary>
    public static TimeSpan DiskRetry { get; } = TimeSpan.FromSeconds(5);

    public ReconcilePlan Plan(ObservedHost host)
    {
        var actions = new List<DomainAction>();
        DateTimeOffset? wakeAt = null;
        var desiredIds = new HashSet<string>(StringComparer.Ordinal);

        foreach (var desired in host.Desired)
        {
            desiredIds.Add(desired.InstanceId);
            if (host.Busy.Contains(desired.InstanceId))
            {
                continue;
            }

            // A failed entry waits for the core to change it; retrying the same thing would fail the same way.
            if (host.Failures.TryGetValue(desired.InstanceId, out var failure) && failure.Concerns(desired))
            {
                continue;
            }

            host.Actual.TryGetValue(desired.InstanceId, out var actual);
            var deadline = PlanDomain(desired, actual, host, actions);
            if (deadline is { } d && (wakeAt is null || d < wakeAt))
            {
                wakeAt = d;
            }
        }

        foreach (var actual in host.Actual.Values.OrderBy(a => a.InstanceId, StringComparer.Ordinal))
        {
            if (desiredIds.Contains(actual.InstanceId) || host.Busy.Contains(actual.InstanceId))
            {
                continue;
            }

            if (actual.IsActive)
            {
                actions.Add(new DomainAction(ActionKind.Destroy, actual.InstanceId));
            }

            actions.Add(new DomainAction(ActionKind.Undefine, actual.InstanceId));
        }

        return new ReconcilePlan(actions, wakeAt);
    }

    private DateTimeOffset? PlanDomain(DesiredDomain desired, ActualDomain? actual, ObservedHost host, List<DomainAction> actions)
    {
        void Add(ActionKind kind) => actions.Add(new DomainAction(kind, desired.InstanceId, desired));

        if (actual is null)
        {
            Add(ActionKind.Define);
            if (desired.Power != DesiredPower.ShutOff)
            {
                Add(ActionKind.Start);
            }

            if (desired.Power == DesiredPower.Paused)
            {
                Add(ActionKind.Suspend);
            }

            return null;
        }

        // The core changes the size of stopped instances only. A domain that is still up keeps the
        // size it booted with; the new one is applied once it is shut off, before it starts again.
        if (actual.State == VirtDomainState.ShutOff && !actual.HasSizeOf(desired))
        {
            Add(ActionKind.Resize);
        }

        // Disks before power: a domain about to start boots with the volumes it should have, and
        // a deferred save catches the disk while it is still shut off.
        var diskWake = PlanDisks(desired, actual, host, actions);
        PlanSaves(desired, actual, host, actions);
        DateTimeOffset? powerWake = null;
        switch (desired.Power)
        {
            case DesiredPower.Running when !actual.IsActive:
                Add(ActionKind.Start);
                break;
            case DesiredPower.Running when actual.IsPaused:
                Add(ActionKind.Resume);
                break;
            case DesiredPower.Running when actual.State is VirtDomainState.Running or VirtDomainState.Blocked
                && actual.RebootGeneration < desired.RebootGeneration:
                Add(ActionKind.Reboot);
                break;
            case DesiredPower.Paused when !actual.IsActive:
                Add(ActionKind.Start);
                Add(ActionKind.Suspend);
                break;
            case DesiredPower.Paused when actual.State is VirtDomainState.Running or VirtDomainState.Blocked:
                Add(ActionKind.Suspend);
                break;
            case DesiredPower.ShutOff when actual.IsActive:
                powerWake = PlanShutOff(desired, actual, host, actions);
                break;
        }

        return Earliest(diskWake, powerWake);
    }

    /// <summary>
    /// Detaches what is held but no longer desired, then attaches what is desired but missing from
    /// the definition or the running guest. A change tried less than <see cref="DiskRetry"/> ago
    /// waits, so a detach the guest has not finished is asked again later, not in a tight loop.
    /// </summary>
    private static DateTimeOffset? PlanDisks(DesiredDomain desired, ActualDomain actual, ObservedHost host, List<DomainAction> actions)
    {
        DateTimeOffset? wakeAt = null;
        void Plan(ActionKind kind, string volumeId)
        {
            if (host.DiskAskedAt is { } asked && asked.TryGetValue(new DiskKey(desired.InstanceId, volumeId), out var askedAt)
                && host.Now < askedAt + DiskRetry)
            {
                wakeAt = Earliest(wakeAt, askedAt + DiskRetry);
                return;
            }

            actions.Add(new DomainAction(kind, desired.InstanceId, desired, volumeId));
        }

        var wanted = (desired.Disks ?? []).Select(d => d.VolumeId).ToHashSet(StringComparer.Ordinal);
        var held = new Dictionary<string, ActualDisk>(StringComparer.Ordinal);
        foreach (var disk in (actual.Disks ?? []).OrderBy(d => d.VolumeId, StringComparer.Ordinal))
        {
            held.TryAdd(disk.VolumeId, disk);
            if (!wanted.Contains(disk.VolumeId))
            {
                Plan(ActionKind.DetachDisk, disk.VolumeId);
            }
        }

        foreach (var disk in desired.Disks ?? [])
        {
            if (!held.TryGetValue(disk.VolumeId, out var have) || !have.Persistent || !have.Live)
            {
                Plan(ActionKind.AttachDisk, disk.VolumeId);
            }
        }

        return wakeAt;
    }

    /// <summary>
    /// Saves not yet done: a hot one at once, a deferred one once the domain is shut off. Each ends
    /// once, in success or failure; the core then stops asking for it.
    /// </summary>
    private static void PlanSaves(DesiredDomain desired, ActualDomain actual, ObservedHost host, List<DomainAction> actions)
    {
        foreach (var save in desired.Saves ?? [])
        {
            if (host.Saved?.ContainsKey(save.ImageId) != true && !(save.Deferred && actual.IsActive))
            {
                actions.Add(new DomainAction(ActionKind.SaveDisk, desired.InstanceId, desired, ImageId: save.ImageId));
            }
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>
    /// A guest first gets the chance to power off by itself; after the grace period the plug is
    /// pulled. A paused guest cannot answer an ACPI request, and a zero grace means "do not wait".
    /// </summary>
    private DateTimeOffset? PlanShutOff(DesiredDomain desired, ActualDomain actual, ObservedHost host, List<DomainAction> actions)
    {
        if (ShutdownGrace <= TimeSpan.Zero || actual.IsPaused)
        {
            actions.Add(new DomainAction(ActionKind.Destroy, desired.InstanceId, desired));
            return null;
        }

        if (!host.ShutdownAskedAt.TryGetValue(desired.InstanceId, out var askedAt))
        {
            actions.Add(new DomainAction(ActionKind.Shutdown, desired.InstanceId, desired));
            return host.Now + ShutdownGrace;
        }

        var deadline = askedAt + ShutdownGrace;
        if (host.Now >= deadline)
        {
            actions.Add(new DomainAction(ActionKind.Destroy, desired.InstanceId, desired));
            return null;
        }

        return deadline;
    }
}
