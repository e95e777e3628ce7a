using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Volumes;

/// <summary>
/// What attaches, detaches, host reports and an instance's end mean for a volume. Each rule
/// changes the volume in memory and answers the events to record, or a refusal; pure, so the
/// rules can be read and tested without a store.
/// </summary>
public static class VolumeRules
{
    /// <summary>
    /// Attaches <paramref name="volume"/> to <paramref name="instance"/> as <paramref name="device"/>
    /// (null: the device named like its target, <c>/dev/vdX</c>, or the next free one), given the volumes already on that instance;
    /// <paramref name="mountPoint"/> is where the owner says the guest mounts it, kept on the attachment.
    /// </summary>
    public static Outcome<IResourceEvent[]> Attach(
        Volume volume, Instance instance, string? device, IEnumerable<Volume> onInstance, bool deleteOnTermination, EventContext ctx, string? mountPoint = null)
    {
        var badPlace = (device is null ? null : VolumeDevices.ProblemOf(device)) ?? (mountPoint is null ? null : VolumeDevices.MountPointProblem(mountPoint));
        if (badPlace is not null)
        {
            return Fail(ComputeStatus.InvalidParameter, badPlace);
        }

        if (volume.Attachments.Any(a => a.InstanceId == instance.Id))
        {
            return Fail(ComputeStatus.IncorrectState, $"volume {volume.Id} is already attached to {instance.Id}");
        }

        if (volume.Offline)
        {
            return Fail(ComputeStatus.IncorrectState, OfflineReason(volume));
        }

        if (VolumeExportRules.Refusal(volume, instance.Id) is { } notNamed)
        {
            return Fail(ComputeStatus.Forbidden, notNamed);
        }

        switch (volume.State)
        {
            case VolumeState.Available:
            case VolumeState.InUse when volume.ReadOnly:
                break;
            case VolumeState.InUse:
                return Fail(ComputeStatus.IncorrectState,
                    $"volume {volume.Id} is in use by {string.Join(", ", volume.Attachments.Select(a => a.InstanceId))}; a read-write volume attaches to one instance at a time");
            default:
                return Fail(ComputeStatus.IncorrectState, $"volume {volume.Id} is {StateName(volume.State)} and cannot be attached");
        }

        if (instance.Intent == InstanceIntent.Terminate || instance.State is InstanceState.Epilog or InstanceState.Done or InstanceState.Failed)
        {
            return Fail(ComputeStatus.IncorrectState, $"instance {instance.Id} is {instance.State.ToString().ToLowerInvariant()} and takes no volumes");
        }

        var here = onInstance.Where(v => v.Id != volume.Id).SelectMany(v => v.Attachments).Where(a => a.InstanceId == instance.Id).ToList();
        var devices = here.Select(a => a.Device).ToHashSet(StringComparer.Ordinal);
        var targets = here.Select(a => a.Target).ToHashSet(StringComparer.Ordinal);
        if (device is not null && devices.Contains(device))
        {
            return Fail(ComputeStatus.InvalidParameter, $"the device {device} is already used on instance {instance.Id}");
        }

        var target = VolumeDevices.NextFreeTarget(targets);
        device ??= target is not null && !devices.Contains("/dev/" + target) ? "/dev/" + target : VolumeDevices.NextFreeDevice(devices);
        if (target is null || device is null)
        {
            return Fail(ComputeStatus.IncorrectState, $"instance {instance.Id} has no free device left for another volume");
        }

        var immediate = HoldsNoDomain(instance);
        volume.Attachments.Add(new VolumeAttachment
        {
            InstanceId = instance.Id,
            Device = device,
            Target = target,
            MountPoint = mountPoint,
            State = immediate ? AttachmentState.Attached : AttachmentState.Attaching,
            AttachedAt = ctx.At,
            DeleteOnTermination = deleteOnTermination,
        });
        var events = new List<IResourceEvent> { new VolumeAttached(ctx, instance.Id, device, target, deleteOnTermination, mountPoint) };
        if (immediate)
        {
            events.Add(new VolumeAttachConfirmed(ctx, instance.Id));
        }

        if (volume.State != VolumeState.InUse)
        {
            events.Add(Move(volume, VolumeState.InUse, $"attached to {instance.Id}", ctx));
        }

        return Outcome<IResourceEvent[]>.Ok([.. events]);
    }

    /// <summary>
    /// Detaches from <paramref name="attachment"/>'s instance: at once when that instance holds no
    /// domain (or is gone), otherwise once its host reports the disk gone. A <paramref name="forced"/>
    /// detach (EC2's Force) releases the attachment at once, whatever the guest does: its host is no
    /// longer asked to hold the disk and unplugs it as for any detach, but nothing waits for that.
    /// </summary>
    public static IResourceEvent[] Detach(Volume volume, VolumeAttachment attachment, Instance? instance, EventContext ctx, bool forced = false)
    {
        if (instance is null || HoldsNoDomain(instance))
        {
            return Remove(volume, attachment, "the instance holds no domain", ctx);
        }

        if (forced)
        {
            return [new VolumeDetachAsked(ctx, attachment.InstanceId, Forced: true), .. Remove(volume, attachment, "forced: released without waiting for the guest or its host", ctx)];
        }

        if (attachment.State == AttachmentState.Detaching)
        {
            return [];
        }

        attachment.State = AttachmentState.Detaching;
        return [new VolumeDetachAsked(ctx, attachment.InstanceId)];
    }

    /// <summary>Applies what a host reports of an instance's disks: asked attaches that it lists are done, asked detaches that it no longer lists are done.</summary>
    public static IResourceEvent[] ApplyReport(Volume volume, string instanceId, IReadOnlyCollection<string> attached, EventContext ctx)
    {
        if (volume.Attachments.FirstOrDefault(a => a.InstanceId == instanceId) is not { } attachment)
        {
            return [];
        }

        var listed = attached.Contains(volume.Id);
        switch (attachment.State)
        {
            case AttachmentState.Attaching when listed:
                attachment.State = AttachmentState.Attached;
                return [new VolumeAttachConfirmed(ctx, instanceId)];
            case AttachmentState.Detaching when !listed:
                return Remove(volume, attachment, "its host no longer holds the disk", ctx);
            default:
                return [];
        }
    }

    /// <summary>
    /// The instance ended (done or failed): its attachment goes, and the volume is deleted with it
    /// when the attachment said so and nothing else holds it. <paramref name="delete"/> tells the caller to finish the deletion.
    /// </summary>
    public static IResourceEvent[] Release(Volume volume, string instanceId, EventContext ctx, out bool delete)
    {
        delete = false;
        if (volume.Attachments.FirstOrDefault(a => a.InstanceId == instanceId) is not { } attachment)
        {
            return [];
        }

        var events = Remove(volume, attachment, $"instance {instanceId} ended", ctx).ToList();
        if (attachment.DeleteOnTermination && volume.Attachments.Count == 0 && volume.State == VolumeState.Available)
        {
            events.Add(Move(volume, VolumeState.Deleting, $"deleted on the termination of {instanceId}", ctx));
            delete = true;
        }

        return [.. events];
    }

    /// <summary>
    /// Takes the volume out of use (<paramref name="online"/> false) or brings it back (true), as
    /// OpenNebula disables and enables an image: only an available volume, with nothing attached, goes
    /// offline. Asking for the state it is already in changes nothing.
    /// </summary>
    public static Outcome<IResourceEvent[]> SetOnline(Volume volume, bool online, EventContext ctx)
    {
        if (volume.Offline != online)
        {
            return Outcome<IResourceEvent[]>.Ok([]);
        }

        if (online)
        {
            volume.Offline = false;
            return Outcome<IResourceEvent[]>.Ok([new VolumeBroughtOnline(ctx)]);
        }

        if (volume.Attachments.Count > 0)
        {
            return Fail(ComputeStatus.IncorrectState,
                $"volume {volume.Id} is attached to {string.Join(", ", volume.Attachments.Select(a => a.InstanceId))}; detach it before taking it offline");
        }

        if (volume.State != VolumeState.Available)
        {
            return Fail(ComputeStatus.IncorrectState, $"volume {volume.Id} is {StateName(volume.State)}; only an available volume can be taken offline");
        }

        volume.Offline = true;
        return Outcome<IResourceEvent[]>.Ok([new VolumeTakenOffline(ctx)]);
    }

    /// <summary>Why an offline volume is not attached.</summary>
    public static string OfflineReason(Volume volume) => $"volume {volume.Id} is offline; bring it online before attaching it";

    /// <summary>Moves the volume to <paramref name="to"/>, answering the event that records it.</summary>
    public static VolumeStateChanged Move(Volume volume, VolumeState to, string? reason, EventContext ctx)
    {
        var change = new VolumeStateChanged(ctx, volume.State, to, reason);
        volume.State = to;
        volume.StateReason = reason;
        return change;
    }

    /// <summary>True when the instance has no domain on a host to change: attaches and detaches take effect at once.</summary>
    public static bool HoldsNoDomain(Instance instance) => instance.HostId is null || HostService.DesiredPowerOf(instance) is null;

    /// <summary>True while the volume's size counts against its owner's quota.</summary>
    public static bool CountsForQuota(VolumeState state) => state is not (VolumeState.Deleted or VolumeState.Error);

    public static string StateName(VolumeState state) => state switch
    {
        VolumeState.InUse => "in-use",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static IResourceEvent[] Remove(Volume volume, VolumeAttachment attachment, string reason, EventContext ctx)
    {
        volume.Attachments.Remove(attachment);
        var events = new List<IResourceEvent> { new VolumeDetached(ctx, attachment.InstanceId, reason) };
        if (volume.Attachments.Count == 0 && volume.State == VolumeState.InUse)
        {
            events.Add(Move(volume, VolumeState.Available, $"detached from {attachment.InstanceId}", ctx));
        }

        return [.. events];
    }

    private static Outcome<IResourceEvent[]> Fail(ComputeStatus status, string reason) => Outcome<IResourceEvent[]>.Fail(status, reason);
}
