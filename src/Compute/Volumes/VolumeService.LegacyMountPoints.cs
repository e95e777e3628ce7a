using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Volumes;

/// <summary>Mount points that earlier versions kept as instance tags, moved once onto the attachments they describe.</summary>
public sealed partial class VolumeService
{
    /// <summary>
    /// The instance tag key, followed by a volume's id, under which earlier versions kept an OCCI storage
    /// link's mount point. Mount points live on the attachment now; the key is an ordinary tag key again.
    /// </summary>
    public const string LegacyMountPointTag = "occi.storagelink.mountpoint:";

    private const string LegacyMountPointMigration = "legacy-mount-point-tags";

    /// <summary>
    /// Run at server start: for each instance carrying legacy mount-point tags, puts each mount point on
    /// the volume's attachment to that instance when it is still attached and has none, then drops the tags;
    /// both recorded in the instance's and the volume's histories. Runs once for the whole store: every
    /// replica takes the same store lock, and the first to finish leaves a mark the others then find.
    /// Answers how many instances it changed.
    /// </summary>
    public async Task<int> MoveLegacyMountPointsAsync(CancellationToken ct)
    {
        var actor = Actor.Core("mount-point-migration");
        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            await session.LockAsync("migration:" + LegacyMountPointMigration, ct).ConfigureAwait(false);
            if (await session.LoadAsync<CompletedMigration>(LegacyMountPointMigration, ct).ConfigureAwait(false) is not null)
            {
                return 0;
            }

            // Outlines carry the tags; only the few instances that hold such tags are read whole.
            var taggedIds = new List<string>();
            await foreach (var outline in session.StreamInstanceOutlinesAsync(null, ct).ConfigureAwait(false))
            {
                if (outline.Tags.Keys.Any(IsLegacyMountPoint))
                {
                    taggedIds.Add(outline.Id);
                }
            }

            var tagged = new List<Instance>(taggedIds.Count);
            foreach (var id in taggedIds)
            {
                if (await session.FindInstanceAsync(id, ct).ConfigureAwait(false) is { } instance)
                {
                    tagged.Add(instance);
                }
            }

            var ctx = EventContext.Of(actor, time);
            var volumes = (await OnInstancesAsync(session, [.. tagged.Select(i => i.Id)], ct).ConfigureAwait(false)).ToDictionary(v => v.Id, StringComparer.Ordinal);
            var moved = new HashSet<Volume>();
            foreach (var instance in tagged)
            {
                var legacy = instance.Tags.Where(t => IsLegacyMountPoint(t.Key)).ToList();
                foreach (var (key, mountPoint) in legacy)
                {
                    var volumeId = key[LegacyMountPointTag.Length..];
                    if (volumes.GetValueOrDefault(volumeId) is { } volume
                        && volume.Attachments.FirstOrDefault(a => a.InstanceId == instance.Id) is { MountPoint: null } attachment
                        && VolumeDevices.MountPointProblem(mountPoint) is null)
                    {
                        attachment.MountPoint = mountPoint;
                        session.Record(ResourceStreams.Volume(volumeId), new VolumeMountPointMoved(ctx, instance.Id, mountPoint));
                        moved.Add(volume);
                    }
                }

                session.AppendInstance(instance.Id, instance.Version, [new InstanceTagsChanged(ctx, new Dictionary<string, string>(), [.. legacy.Select(t => t.Key)])]);
            }

            foreach (var volume in moved)
            {
                session.Store(volume);
            }

            session.Insert(new CompletedMigration
            {
                Id = LegacyMountPointMigration,
                At = ctx.At,
                Summary = $"legacy mount-point tags dropped from {tagged.Count} instances, {moved.Count} mount points moved onto attachments",
            });
            var saved = await session.SaveAsync(ct).ConfigureAwait(false);
            if (saved == ComputeStatus.Conflict)
            {
                continue;
            }

            if (saved != ComputeStatus.Ok)
            {
                throw new InvalidOperationException($"the legacy mount-point migration could not be saved: {saved}");
            }

            if (tagged.Count > 0)
            {
                Log.MovedLegacyMountPoints(logger, tagged.Count, moved.Count);
            }

            return tagged.Count;
        }

        throw new InvalidOperationException("the legacy mount-point migration met changing instances or volumes on every attempt");
    }

    private static bool IsLegacyMountPoint(string tagKey) => tagKey.StartsWith(LegacyMountPointTag, StringComparison.Ordinal);
}
