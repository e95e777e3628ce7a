using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Http;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>Storage links: creating one attaches a volume to an instance, deleting it detaches the volume (GFD.224 §3.5).</summary>
public sealed class StorageLinks(ComputeResources computes, StorageResources storages, VolumeService volumes, InstanceService instances)
{
    /// <summary>Every storage link of the volumes the caller's computes hold.</summary>
    public async Task<IReadOnlyList<LinkView>> AllAsync(OcciCall call) =>
        [.. (await storages.ViewsAsync(call, await storages.HeldAsync(call).ConfigureAwait(false)).ConfigureAwait(false)).SelectMany(s => s.Links)];

    public async Task<OcciReply> GetAsync(OcciCall call, string path) =>
        await FindAsync(call, path).ConfigureAwait(false) is var (volume, instance)
            ? new EntityReply(null, StorageViews.Link(volume, volume.Attachments.First(a => a.InstanceId == instance.Id), EntityViews.LocationOf(instance)))
            : Replies.NotFound(path);

    // GFD.223 §8.3 on a link collection: source and target name the compute and the storage.
    public async Task<OcciReply> CreateAsync(OcciCall call)
    {
        var source = call.Message.Attribute("occi.core.source")?.Text;
        var target = call.Message.Attribute("occi.core.target")?.Text;
        if (source is null || target is null)
        {
            return Replies.BadRequest("a storage link needs occi.core.source (a compute) and occi.core.target (a storage)");
        }

        if (call.PathOf(source) is not { } sourcePath || !sourcePath.StartsWith("/compute/", StringComparison.Ordinal)
            || await computes.FindAsync(call, sourcePath).ConfigureAwait(false) is not { } instance)
        {
            return Replies.BadRequest($"occi.core.source {source} is none of your computes");
        }

        // The target is one of the caller's storages, or another owner's exported one at /storage/<volume id>, which the core
        // attaches only to the computes its export names.
        if (call.PathOf(target) is not { } targetPath || await TargetVolumeIdAsync(call, targetPath).ConfigureAwait(false) is not { } volumeId)
        {
            return Replies.BadRequest($"occi.core.target {target} is none of your storages");
        }

        // GFD.224 §3.4.2: the mount point is kept on the attachment the link stands for.
        var device = call.Message.Attribute("occi.storagelink.deviceid")?.Text;
        var mountpoint = call.Message.Attribute("occi.storagelink.mountpoint")?.Text;
        var attached = await volumes.AttachAsync(call.Actor, volumeId, instance.Id, device is { Length: > 0 } ? device : null,
            mountpoint is { Length: > 0 } ? mountpoint : null, call.Cancel).ConfigureAwait(false);
        if (!attached.IsOk)
        {
            // The compute was found above: not found here is the volume, which stays hidden as any other owner's storage.
            return attached.Status == ComputeStatus.NotFound
                ? Replies.BadRequest($"occi.core.target {target} is none of your storages")
                : Statuses.Refusal(attached);
        }

        var now = (await instances.GetAsync(call.Actor, instance.Id, call.Cancel).ConfigureAwait(false)).Value ?? instance;
        var link = StorageViews.Link(attached.Value!, attached.Value!.Attachments.First(a => a.InstanceId == instance.Id), EntityViews.LocationOf(now));
        return new EntityReply(null, link, 201, link.Location);
    }

    public async Task<OcciReply> DeleteAsync(OcciCall call, string path) =>
        await FindAsync(call, path).ConfigureAwait(false) is var (volume, instance)
            ? (OcciReply?)await DetachAsync(call, volume, instance).ConfigureAwait(false) ?? new DoneReply()
            : Replies.NotFound(path);

    /// <summary>Detaches a volume from one instance (its mount point goes with the attachment); null on success.</summary>
    public async Task<ErrorReply?> DetachAsync(OcciCall call, Volume volume, Instance instance)
    {
        var detached = await volumes.DetachAsync(call.Actor, volume.Id, instance.Id, forced: false, call.Cancel).ConfigureAwait(false);
        return detached.IsOk ? null : Statuses.Refusal(detached);
    }

    // The volume a link's target names: the caller's storage there, else a volume id for the core to judge (an export's grant).
    private async Task<string?> TargetVolumeIdAsync(OcciCall call, string targetPath)
    {
        if (await storages.FindAsync(call, targetPath).ConfigureAwait(false) is { } own)
        {
            return own.Id;
        }

        var id = targetPath.StartsWith(StorageViews.StoragePrefix, StringComparison.Ordinal) ? targetPath[StorageViews.StoragePrefix.Length..] : "";
        return ResourceIds.IsWellFormed(id, ResourceIds.VolumePrefix) ? id : null;
    }

    // The link's volume and instance, when the instance is the caller's, the volume is attached to it, and the volume is
    // the caller's or another owner's export the caller holds through its permission.
    private async Task<(Volume Volume, Instance Instance)?> FindAsync(OcciCall call, string path)
    {
        if (StorageViews.ParseLinkId(path[StorageViews.LinkPrefix.Length..]) is not var (volumeId, instanceId)
            || !ResourceIds.IsWellFormed(volumeId, ResourceIds.VolumePrefix) || !ResourceIds.IsWellFormed(instanceId, ResourceIds.InstancePrefix)
            || (await storages.FindAsync(call, StorageViews.StoragePrefix + volumeId).ConfigureAwait(false)
                ?? (await storages.GrantedAsync(call).ConfigureAwait(false)).FirstOrDefault(v => v.Id == volumeId)) is not { } volume
            || volume.Attachments.All(a => a.InstanceId != instanceId)
            || await computes.FindAsync(call, "/compute/" + instanceId).ConfigureAwait(false) is not { } instance)
        {
            return null;
        }

        return (volume, instance);
    }
}
