using StandardsCloud.Compute;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Http;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>Storage resources over the core's volumes: create, read, update, act, delete (GFD.223 §8–9, GFD.224 §3.3).</summary>
public sealed class StorageResources(VolumeService volumes, InstanceService instances, StorageLookup lookup)
{
    public Task<IReadOnlyList<Volume>> LiveAsync(OcciCall call) => lookup.LiveAsync(call);

    public Task<Volume?> FindAsync(OcciCall call, string path) => lookup.FindAsync(call, path);

    /// <summary>Other owners' exported volumes attached to the caller's computes (see <see cref="StorageLookup.GrantedAsync"/>).</summary>
    public Task<IReadOnlyList<Volume>> GrantedAsync(OcciCall call) => lookup.GrantedAsync(call);

    /// <summary>The volumes the caller's computes hold (see <see cref="StorageLookup.HeldAsync"/>).</summary>
    public Task<IReadOnlyList<Volume>> HeldAsync(OcciCall call) => lookup.HeldAsync(call);

    /// <summary>Full renderings, with the links to the computes each volume is attached to.</summary>
    public async Task<IReadOnlyList<ResourceView>> ViewsAsync(OcciCall call, IReadOnlyList<Volume> live)
    {
        var attached = live.SelectMany(v => v.Attachments.Select(a => a.InstanceId)).ToHashSet(StringComparer.Ordinal);
        var computes = attached.Count == 0
            ? new Dictionary<string, Instance>(StringComparer.Ordinal)
            : (await instances.ListAsync(call.Actor, new InstanceQuery { Ids = attached }, call.Cancel).ConfigureAwait(false))
                .Where(i => i.State != InstanceState.Done).ToDictionary(i => i.Id, StringComparer.Ordinal);
        return [.. live.Select(v => StorageViews.Storage(v, computes))];
    }

    public async Task<ResourceView> ViewAsync(OcciCall call, Volume volume) => (await ViewsAsync(call, [volume]).ConfigureAwait(false))[0];

    /// <summary>Makes one volume from a storage rendering; <paramref name="chosenPath"/> is a PUT's path.</summary>
    public async Task<OcciReply> CreateAsync(OcciCall call, CategoryCatalog catalog, string? chosenPath)
    {
        var (request, problem) = StorageRequest.Read(call.Message, catalog);
        if (request is null)
        {
            return Replies.BadRequest(problem!);
        }

        if (request.SizeGiB is not { } size)
        {
            return Replies.BadRequest("occi.storage.size (GiB) is required to create a storage");
        }

        var created = await volumes.CreateAsync(call.Actor, new VolumeRequest(size,
            Name: request.Title is { Length: > 0 } title ? title : null,
            Description: request.Summary is { Length: > 0 } summary ? summary : null,
            ClientToken: chosenPath is null ? null : EntityViews.ChosenPathToken + chosenPath), call.Cancel).ConfigureAwait(false);
        if (!created.IsOk)
        {
            return Statuses.Refusal(created);
        }

        var view = await ViewAsync(call, created.Value!).ConfigureAwait(false);
        return new EntityReply(view, null, 201, view.Location);
    }

    /// <summary>A partial update (POST) or a replacement (PUT): title and summary change; the size cannot.</summary>
    public async Task<OcciReply> UpdateAsync(OcciCall call, CategoryCatalog catalog, Volume volume)
    {
        var (request, problem) = StorageRequest.Read(call.Message, catalog);
        if (request is null)
        {
            return Replies.BadRequest(problem!);
        }

        if (request.SizeGiB is { } size && size != volume.SizeGiB)
        {
            return new ErrorReply(501, "a storage's size cannot change here: resizing is not offered yet");
        }

        var updated = volume;
        if (request.Title is not null || request.Summary is not null)
        {
            var changed = await volumes.UpdateAsync(call.Actor, volume.Id, new VolumeUpdate(request.Title, request.Summary), call.Cancel).ConfigureAwait(false);
            if (!changed.IsOk)
            {
                return Statuses.Refusal(changed);
            }

            updated = changed.Value!;
        }

        return new EntityReply(await ViewAsync(call, updated).ConfigureAwait(false), null);
    }

    /// <summary>Runs a storage action (GFD.224 §3.3.1); null on success.</summary>
    public async Task<ErrorReply?> ActAsync(OcciCall call, Volume volume, CategoryId action)
    {
        var (state, message) = StorageViews.StateOf(volume);
        if (action == Vocabulary.StorageOnline)
        {
            return volume.Offline ? await SetOnlineAsync(call, volume, true).ConfigureAwait(false)
                : state == "online" ? null
                : new ErrorReply(409, $"the storage is {message}; it comes online by itself once created, and cannot be brought online from error");
        }

        if (action == Vocabulary.StorageOffline)
        {
            return volume.Attachments.Count > 0 ? LinkedRefusal(volume, message) : await SetOnlineAsync(call, volume, false).ConfigureAwait(false);
        }

        if (action == Vocabulary.StorageSnapshot)
        {
            var taken = await volumes.SnapshotAsync(call.Actor, volume.Id, "snapshot of " + StorageViews.LocationOf(volume), null, call.Cancel).ConfigureAwait(false);
            return taken.IsOk ? null : Statuses.Refusal(taken);
        }

        return action == Vocabulary.StorageBackup || action == Vocabulary.StorageResize
            ? new ErrorReply(501, $"{action.Term} is not offered yet: take a snapshot, or create a larger storage from one through the EC2 interface")
            : Replies.BadRequest($"{action} is not an action of storage");
    }

    // GFD.224 §3.3, the storage actions table: offline takes the storage out of use, online brings it back.
    private async Task<ErrorReply?> SetOnlineAsync(OcciCall call, Volume volume, bool online)
    {
        var changed = await volumes.UpdateAsync(call.Actor, volume.Id, new VolumeUpdate(Online: online), call.Cancel).ConfigureAwait(false);
        return changed.IsOk ? null : Statuses.Refusal(changed);
    }

    // A storage in use by computes goes offline once its links are gone; the body names them.
    private static ErrorReply LinkedRefusal(Volume volume, string message) =>
        new(409, $"the storage is {message} and linked to {string.Join(", ", volume.Attachments.Select(a => "/compute/" + a.InstanceId))}: "
            + $"delete its storage links ({string.Join(", ", volume.Attachments.Select(a => StorageViews.LinkPrefix + StorageViews.LinkId(volume.Id, a.InstanceId)))}) before taking it offline");

    public async Task<ErrorReply?> DeleteAsync(OcciCall call, Volume volume)
    {
        if (volume.Attachments.Count > 0)
        {
            return new ErrorReply(409, $"the storage is linked to {string.Join(", ", volume.Attachments.Select(a => "/compute/" + a.InstanceId))}; delete its storage links first");
        }

        var deleted = await volumes.DeleteAsync(call.Actor, volume.Id, call.Cancel).ConfigureAwait(false);
        return deleted.IsOk ? null : Statuses.Refusal(deleted);
    }
}
