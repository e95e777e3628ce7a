using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Occi.Mapping;

/// <summary>Finds the caller's own live volumes: others' volumes, public ones included, are not storage the caller may touch here.</summary>
public sealed class StorageLookup(VolumeService volumes)
{
    public async Task<IReadOnlyList<Volume>> LiveAsync(OcciCall call) =>
        [.. (await volumes.ListAsync(call.Actor, new VolumeQuery(), call.Cancel).ConfigureAwait(false)).Where(v => StorageViews.IsLive(v) && call.Actor.MayAccess(v.Owner))];

    /// <summary>
    /// The volumes the caller's computes hold: the caller's own, and other owners' exported volumes that an
    /// export's permission let the caller attach (links only: those are not the caller's storage).
    /// </summary>
    public async Task<IReadOnlyList<Volume>> HeldAsync(OcciCall call) =>
        [.. await LiveAsync(call).ConfigureAwait(false), .. await GrantedAsync(call).ConfigureAwait(false)];

    /// <summary>Other owners' exported volumes attached to the caller's computes.</summary>
    public async Task<IReadOnlyList<Volume>> GrantedAsync(OcciCall call) =>
        [.. (await volumes.ExportsOnOwnInstancesAsync(call.Actor, call.Cancel).ConfigureAwait(false)).Where(v => !call.Actor.MayAccess(v.Owner))];

    /// <summary>The caller's live volume at a storage path: <c>/storage/vol-…</c> or a path chosen at creation.</summary>
    public async Task<Volume?> FindAsync(OcciCall call, string path)
    {
        if (!path.StartsWith(StorageViews.StoragePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = path[StorageViews.StoragePrefix.Length..];
        if (ResourceIds.IsWellFormed(id, ResourceIds.VolumePrefix))
        {
            var found = await volumes.GetAsync(call.Actor, id, call.Cancel).ConfigureAwait(false);
            return found.IsOk && StorageViews.IsLive(found.Value!) && call.Actor.MayAccess(found.Value!.Owner) ? found.Value : null;
        }

        var token = EntityViews.ChosenPathToken + path;
        return (await LiveAsync(call).ConfigureAwait(false)).FirstOrDefault(v => v.ClientToken == token);
    }
}
