using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Volumes;

/// <summary>Attaching and detaching, and what hosts' reports and instances' ends do to attachments.</summary>
public sealed partial class VolumeService
{
    /// <summary>
    /// Attaches to one of the actor's instances; <paramref name="device"/> null picks the next free one.
    /// <paramref name="mountPoint"/>, when given, is kept on the attachment until it is detached.
    /// </summary>
    public async Task<Outcome<Volume>> AttachAsync(Actor actor, string volumeId, string instanceId, string? device, string? mountPoint, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();

            // One attach per instance at a time, in every server process, so two volumes never take the same device.
            await session.LockAsync(InstanceDevicesLock(instanceId), ct).ConfigureAwait(false);
            if (await LoadReachableAsync(session, actor, volumeId, ct).ConfigureAwait(false) is not { } volume)
            {
                return VolumeNotFound<Volume>(volumeId);
            }

            var instance = await session.FindInstanceAsync(instanceId, ct).ConfigureAwait(false);
            if (instance is null || !actor.MayAccess(instance.Owner))
            {
                return Outcome<Volume>.Fail(ComputeStatus.NotFound, $"instance {instanceId} does not exist");
            }

            // An export's permissions are its grant to other owners' instances; VolumeRules.Attach checks the instance is named.
            if (volume.Owner != instance.Owner && !(volume.Visibility == VolumeVisibility.Public && volume.ReadOnly) && volume.Export is null)
            {
                return Outcome<Volume>.Fail(ComputeStatus.Forbidden,
                    $"volume {volumeId} belongs to {volume.Owner}; another owner's volume attaches only when it is public and read-only");
            }

            var onInstance = await OnInstancesAsync(session, [instanceId], ct).ConfigureAwait(false);
            var decided = VolumeRules.Attach(volume, instance, device, onInstance, deleteOnTermination: false, EventContext.Of(actor, time), mountPoint);
            if (!decided.IsOk)
            {
                return decided.As<Volume>();
            }

            session.Store(volume);
            Record(session, volume.Id, decided.Value!);
            var saved = await session.SaveAsync(ct).ConfigureAwait(false);
            if (saved == ComputeStatus.Conflict)
            {
                continue;
            }

            if (saved == ComputeStatus.Ok && instance.HostId is { } hostId)
            {
                signals.HostChanged(hostId);
            }

            return saved == ComputeStatus.Ok ? Outcome<Volume>.Ok(volume) : Outcome<Volume>.Fail(saved, $"volume {volumeId} could not be saved");
        }

        return Outcome<Volume>.Fail(ComputeStatus.Conflict, $"volume {volumeId} is changing too often; retry");
    }

    /// <summary>
    /// Detaches from <paramref name="instanceId"/>, or from its only instance when null. A
    /// <paramref name="forced"/> detach releases the attachment at once (see <see cref="VolumeRules.Detach"/>).
    /// </summary>
    public async Task<Outcome<Volume>> DetachAsync(Actor actor, string volumeId, string? instanceId, bool forced, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            if (await LoadReachableAsync(session, actor, volumeId, ct).ConfigureAwait(false) is not { } volume)
            {
                return VolumeNotFound<Volume>(volumeId);
            }

            var attachment = instanceId is not null
                ? volume.Attachments.FirstOrDefault(a => a.InstanceId == instanceId)
                : volume.Attachments.Count == 1 ? volume.Attachments[0] : null;
            if (attachment is null)
            {
                return instanceId is null && volume.Attachments.Count > 1
                    ? Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, $"volume {volumeId} is attached to {volume.Attachments.Count} instances; name the one to detach from")
                    : Outcome<Volume>.Fail(ComputeStatus.IncorrectState, $"volume {volumeId} is not attached{(instanceId is null ? "" : " to " + instanceId)}");
            }

            var instance = await session.FindInstanceAsync(attachment.InstanceId, ct).ConfigureAwait(false);
            // The instance's owner detaches; so does an exported volume's owner, who must be able to end the export.
            if (!actor.MayAccess(instance?.Owner ?? volume.Owner) && !(volume.Export is not null && actor.MayAccess(volume.Owner)))
            {
                return Outcome<Volume>.Fail(ComputeStatus.Forbidden, $"volume {volumeId} is attached to an instance that is not yours");
            }

            var events = VolumeRules.Detach(volume, attachment, instance, EventContext.Of(actor, time), forced);
            if (events.Length == 0)
            {
                return Outcome<Volume>.Ok(volume);
            }

            session.Store(volume);
            Record(session, volume.Id, events);
            var saved = await session.SaveAsync(ct).ConfigureAwait(false);
            if (saved == ComputeStatus.Conflict)
            {
                continue;
            }

            if (saved == ComputeStatus.Ok && instance?.HostId is { } hostId)
            {
                signals.HostChanged(hostId);
            }

            return saved == ComputeStatus.Ok ? Outcome<Volume>.Ok(volume) : Outcome<Volume>.Fail(saved, $"volume {volumeId} could not be saved");
        }

        return Outcome<Volume>.Fail(ComputeStatus.Conflict, $"volume {volumeId} is changing too often; retry");
    }

    /// <summary>
    /// In the caller's unit of work: applies hosts' reports of attached disks (<paramref name="reported"/>,
    /// instance → volume ids) and removes the attachments of instances that ended. Answers the
    /// volumes put into deleting, which <see cref="FinishDeletingAsync(IReadOnlyList{string}, CancellationToken)"/> completes after the save.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> ReconcileAsync(
        IComputeSession session, IReadOnlyDictionary<string, IReadOnlyList<string>> reported, IReadOnlyCollection<string> ended,
        EventContext ctx, CancellationToken ct)
    {
        var volumes = await OnInstancesAsync(session, [.. reported.Keys.Concat(ended).Distinct(StringComparer.Ordinal)], ct).ConfigureAwait(false);
        var deleting = new List<string>();
        foreach (var volume in volumes)
        {
            var events = new List<IResourceEvent>();
            foreach (var attachment in volume.Attachments.ToList())
            {
                if (ended.Contains(attachment.InstanceId))
                {
                    events.AddRange(VolumeRules.Release(volume, attachment.InstanceId, ctx, out var delete));
                    if (delete)
                    {
                        deleting.Add(volume.Id);
                    }
                }
                else if (reported.TryGetValue(attachment.InstanceId, out var attached))
                {
                    events.AddRange(VolumeRules.ApplyReport(volume, attachment.InstanceId, [.. attached], ctx));
                }
            }

            if (events.Count > 0)
            {
                session.Store(volume);
                Record(session, volume.Id, events);
            }
        }

        return deleting;
    }

    /// <summary>Completes deletions asked in another unit of work (volumes deleted with their instance).</summary>
    internal async Task FinishDeletingAsync(IReadOnlyList<string> volumeIds, CancellationToken ct)
    {
        foreach (var id in volumeIds)
        {
            await FinishDeletingAsync(Actor.Core("volumes"), id, ct).ConfigureAwait(false);
        }
    }
}
