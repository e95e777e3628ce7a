using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Volumes;

/// <summary>What a launch makes and attaches, checked in full before anything is created.</summary>
internal sealed record LaunchVolumes(
    IReadOnlyList<(LaunchDisk Disk, int SizeGiB)> NewDisks, IReadOnlyList<(Volume Volume, LaunchVolume Asked)> Existing, IReadOnlyDictionary<string, string>? NewTags)
{
    public bool IsEmpty => NewDisks.Count == 0 && Existing.Count == 0;
}

/// <summary>Volumes made and attached at launch (EC2's BlockDeviceMapping, OCCI's inline storagelinks).</summary>
public sealed partial class VolumeService
{
    /// <summary>What is wrong with a launch's disks and volumes on their own, or null; the store is not read.</summary>
    public static string? LaunchProblem(LaunchRequest request)
    {
        var disks = request.Disks ?? [];
        var volumes = request.Volumes ?? [];
        if (disks.Count + volumes.Count > VolumeDevices.Targets.Count)
        {
            return $"at most {VolumeDevices.Targets.Count} volumes attach to one instance; {disks.Count + volumes.Count} were asked";
        }

        var devices = disks.Select(d => d.Device).Concat(volumes.Select(v => v.Device).OfType<string>()).ToList();
        if (devices.Select(VolumeDevices.ProblemOf).FirstOrDefault(p => p is not null) is { } badDevice)
        {
            return badDevice;
        }

        if (volumes.Select(v => v.MountPoint).OfType<string>().Select(VolumeDevices.MountPointProblem).FirstOrDefault(p => p is not null) is { } badMountPoint)
        {
            return badMountPoint;
        }

        if (devices.GroupBy(d => d, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"the device {twice.Key} is named twice";
        }

        if (volumes.GroupBy(v => v.VolumeId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } again)
        {
            return $"the volume {again.Key} is named twice";
        }

        foreach (var disk in disks)
        {
            if (disk.SizeGiB is null && disk.SnapshotId is null)
            {
                return $"the disk {disk.Device} needs a size or a snapshot";
            }

            if (disk.SizeGiB is < 1 or > MaxSizeGiB)
            {
                return $"the disk {disk.Device}: size {disk.SizeGiB} GiB is refused; allowed: 1 to {MaxSizeGiB}";
            }
        }

        return null;
    }

    /// <summary>Holds the owner's volume lock in the launch's unit of work, so its volume quota check cannot interleave with a create's.</summary>
    internal static Task HoldOwnerAsync(IComputeSession session, string owner, CancellationToken ct) => session.LockAsync(OwnerQuotaLock(owner), ct);

    /// <summary>Checks the snapshots and volumes a launch of <paramref name="count"/> instances names, and the owner's volume quota.</summary>
    internal async Task<Outcome<LaunchVolumes>> PlanLaunchAsync(IComputeSession session, Actor actor, LaunchRequest request, int count, CancellationToken ct)
    {
        var newDisks = new List<(LaunchDisk, int)>();
        foreach (var disk in request.Disks ?? [])
        {
            var size = disk.SizeGiB;
            if (disk.SnapshotId is { } snapshotId)
            {
                var snapshot = await session.LoadAsync<Snapshot>(snapshotId, ct).ConfigureAwait(false);
                if (snapshot is null || !actor.MayAccess(snapshot.Owner))
                {
                    return SnapshotNotFound<LaunchVolumes>(snapshotId);
                }

                if (snapshot.State != SnapshotState.Completed)
                {
                    return Outcome<LaunchVolumes>.Fail(ComputeStatus.IncorrectState, $"snapshot {snapshotId} is {snapshot.State.ToString().ToLowerInvariant()}, not completed");
                }

                if (size < snapshot.SizeGiB)
                {
                    return Outcome<LaunchVolumes>.Fail(ComputeStatus.InvalidParameter,
                        $"the disk {disk.Device} needs at least snapshot {snapshotId}'s size, {snapshot.SizeGiB} GiB; {size} was asked");
                }

                size ??= snapshot.SizeGiB;
            }

            newDisks.Add((disk, size!.Value));
        }

        var existing = new List<(Volume, LaunchVolume)>();
        foreach (var asked in request.Volumes ?? [])
        {
            var volumeId = asked.VolumeId;
            if (await LoadVisibleAsync(session, actor, volumeId, ct).ConfigureAwait(false) is not { } volume)
            {
                return VolumeNotFound<LaunchVolumes>(volumeId);
            }

            if (volume.Owner != actor.UserId && !(volume.Visibility == VolumeVisibility.Public && volume.ReadOnly))
            {
                return Outcome<LaunchVolumes>.Fail(ComputeStatus.Forbidden, $"volume {volumeId} belongs to {volume.Owner}; another owner's volume attaches only when it is public and read-only");
            }

            if (volume.Offline)
            {
                return Outcome<LaunchVolumes>.Fail(ComputeStatus.IncorrectState, VolumeRules.OfflineReason(volume));
            }

            if (!(volume.State == VolumeState.Available || (volume.ReadOnly && volume.State == VolumeState.InUse)))
            {
                return Outcome<LaunchVolumes>.Fail(ComputeStatus.IncorrectState, $"volume {volumeId} is {VolumeRules.StateName(volume.State)}; a launch attaches available or read-only volumes");
            }

            if (count > 1 && !volume.ReadOnly)
            {
                return Outcome<LaunchVolumes>.Fail(ComputeStatus.InvalidParameter, $"volume {volumeId} is read-write and attaches to one instance; {count} would be launched");
            }

            existing.Add((volume, asked));
        }

        var moreGiB = newDisks.Sum(d => (long)d.Item2) * count;
        if (moreGiB > 0 && await QuotaProblemAsync(session, actor.UserId, moreGiB, ct).ConfigureAwait(false) is { } limit)
        {
            return Outcome<LaunchVolumes>.OverQuota(QuotaKind.VolumeGiB, limit);
        }

        return Outcome<LaunchVolumes>.Ok(new LaunchVolumes(newDisks, existing, request.VolumeTags));
    }

    /// <summary>
    /// Has the backend make each new disk for each instance, then, in the launch's unit of work,
    /// records those volumes and attaches them and the existing ones. Answers the volumes made, which
    /// <see cref="DiscardAsync"/> removes if the launch is not saved after all.
    /// </summary>
    internal async Task<Outcome<IReadOnlyList<string>>> AttachAtLaunchAsync(
        IComputeSession session, Actor actor, LaunchVolumes plan, IReadOnlyList<Instance> instances, EventContext ctx, CancellationToken ct)
    {
        var made = new List<Volume>();
        foreach (var instance in instances)
        {
            foreach (var (disk, size) in plan.NewDisks)
            {
                var volume = NewVolume(actor, new VolumeRequest(size, StorageClass: disk.StorageClass, Tags: plan.NewTags));
                volume.SizeGiB = size;
                volume.SnapshotId = disk.SnapshotId;
                var built = disk.SnapshotId is { } snapshotId
                    ? await backend.CreateFromSnapshotAsync(volume.Id, snapshotId, size, ct).ConfigureAwait(false)
                    : await backend.CreateAsync(volume.Id, size, ct).ConfigureAwait(false);
                if (!built.IsOk)
                {
                    Log.BackendFailed(logger, "create", volume.Id, built.Reason ?? "");
                    await DiscardAsync([.. made.Select(v => v.Id)], ct).ConfigureAwait(false);
                    return Outcome<IReadOnlyList<string>>.Fail(built.Status, $"the disk {disk.Device} could not be made: {built.Reason}");
                }

                volume.Source = built.Value;
                made.Add(volume);
                var from = disk.SnapshotId is null ? "nothing (empty)" : $"snapshot {disk.SnapshotId}";
                session.Record(ResourceStreams.Volume(volume.Id), new VolumeCreated(ctx, volume.Owner, size, from, false, volume.Visibility));
                session.Record(ResourceStreams.Volume(volume.Id), VolumeRules.Move(volume, VolumeState.Available, $"made for the launch of {instance.Id}", ctx));
            }
        }

        var index = 0;
        foreach (var instance in instances)
        {
            var here = new List<Volume>();
            var mine = made.Skip(index * plan.NewDisks.Count).Take(plan.NewDisks.Count)
                .Zip(plan.NewDisks, (v, d) => (Volume: v, Device: (string?)d.Disk.Device, MountPoint: (string?)null, Delete: d.Disk.DeleteOnTermination));
            var theirs = plan.Existing.Select(e => (e.Volume, e.Asked.Device, e.Asked.MountPoint, Delete: false));

            // Named devices first, so a volume left to pick takes one nobody asked for.
            foreach (var (volume, device, mountPoint, delete) in mine.Concat(theirs).OrderBy(a => a.Device is null).ToList())
            {
                var decided = VolumeRules.Attach(volume, instance, device, here, delete, ctx, mountPoint);
                if (!decided.IsOk)
                {
                    await DiscardAsync([.. made.Select(v => v.Id)], ct).ConfigureAwait(false);
                    return decided.As<IReadOnlyList<string>>();
                }

                here.Add(volume);
                Record(session, volume.Id, decided.Value!);
            }

            index++;
        }

        foreach (var volume in made)
        {
            session.Insert(volume);
        }

        foreach (var (volume, _) in plan.Existing)
        {
            session.Store(volume);
        }

        return Outcome<IReadOnlyList<string>>.Ok([.. made.Select(v => v.Id)]);
    }

    /// <summary>Removes the data of volumes made for a launch that was not saved.</summary>
    internal async Task DiscardAsync(IReadOnlyList<string> volumeIds, CancellationToken ct)
    {
        foreach (var id in volumeIds)
        {
            var removed = await backend.DeleteVolumeAsync(id, ct).ConfigureAwait(false);
            if (!removed.IsOk)
            {
                Log.BackendFailed(logger, "delete", id, removed.Reason ?? "");
            }
        }
    }
}
