using System.Globalization;
using StandardsCloud.Compute.Images;

namespace StandardsCloud.Compute.Instances;

/// <summary>Saving an instance's disk as a new image of its owner's.</summary>
public sealed partial class InstanceService
{
    /// <summary>How many saves of one instance may wait for its host at once.</summary>
    public const int MaxPendingSaves = 4;

    /// <summary>
    /// Asks the instance's host to copy its disk (the image it was launched from with everything the
    /// guest wrote) into a new private image of the instance's owner. The image is pending until
    /// the host has written it, then available, or failed with the host's reason. A hot save copies
    /// at once, crash-consistent while the guest runs; a deferred one waits until the instance is
    /// stopped or terminated. The new image boots the way the instance's image does.
    /// </summary>
    /// <param name="name">The image's name; null names it after the instance and the time.</param>
    public async Task<Outcome<Image>> SaveDiskAsync(Actor actor, string id, string? name, bool deferred, CancellationToken ct)
    {
        var imageId = ResourceIds.NewImageId();
        if (volumes.SavedImagePath(imageId) is not { } file)
        {
            return Outcome<Image>.Fail(ComputeStatus.IncorrectState, "this site keeps no saved images: its storage backend holds none");
        }

        if (name is not null && (name.Length is 0 or > 128 || name.Any(char.IsControl) || name.Trim().Length != name.Length))
        {
            return Outcome<Image>.Fail(ComputeStatus.InvalidParameter, "an image name has 1 to 128 characters, no control characters and no spaces at either end");
        }

        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            var instance = await session.FindInstanceAsync(id, ct).ConfigureAwait(false);
            if (instance is null || !actor.MayAccess(instance.Owner))
            {
                return NotFound<Image>(id);
            }

            if (instance.HostId is null || !InstanceLifecycle.HoldsHost(instance.State) || instance.State == InstanceState.Epilog
                || instance.Intent == InstanceIntent.Terminate)
            {
                return Outcome<Image>.Fail(ComputeStatus.IncorrectState,
                    $"instance {id} is {instance.State.ToString().ToLowerInvariant()}{(instance.Intent == InstanceIntent.Terminate ? " and terminating" : "")}: only an instance on its host has a disk to save");
            }

            var now = time.GetUtcNow();
            var imageName = name ?? $"{instance.Hostname ?? instance.Id}-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            var all = await session.ListAsync<Image>(ct).ConfigureAwait(false);
            if (all.Any(i => i.Owner == instance.Owner && i.Name == imageName && !i.Deregistered))
            {
                return Outcome<Image>.Fail(ComputeStatus.Duplicate, $"{instance.Owner} has an image named '{imageName}' already");
            }

            if (all.Count(i => i.State == ImageState.Pending && i.SourceInstanceId == id) >= MaxPendingSaves)
            {
                return Outcome<Image>.Fail(ComputeStatus.IncorrectState, $"instance {id} has {MaxPendingSaves} saves waiting already; try again when one has ended");
            }

            var image = new Image
            {
                Id = imageId,
                Name = imageName,
                Owner = instance.Owner,
                Url = new Uri(file).AbsoluteUri,
                Boot = all.FirstOrDefault(i => i.Id == instance.ImageId)?.Boot,
                RegisteredAt = now,
                State = ImageState.Pending,
                SourceInstanceId = id,
                SaveDeferred = deferred,
            };
            var ctx = EventContext.Of(actor, time);
            session.Store(image);
            session.Record(ResourceStreams.Image(imageId), new ImageSaveRequested(ctx, id, imageName, deferred));
            session.AppendInstance(id, instance.Version, [new InstanceDiskSaveRequested(ctx, imageId, deferred)]);
            if (await session.SaveAsync(ct).ConfigureAwait(false) == ComputeStatus.Conflict)
            {
                continue;
            }

            signals.HostChanged(instance.HostId);
            return Outcome<Image>.Ok(image);
        }

        return Outcome<Image>.Fail(ComputeStatus.Conflict, $"instance {id} is changing too often; retry");
    }
}
