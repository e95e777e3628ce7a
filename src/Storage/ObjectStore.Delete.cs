using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    private const int DeleteTries = 5;

    /// <summary>Deletes an object; a container goes with everything in it (CDMI 1.1.1 §9.5), in one transaction.</summary>
    public async Task<StorageResult<StoredObject>> DeleteAsync(StorageCaller caller, StoredObject target, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var deleted = await TryDeleteAsync(caller, target, ct);
            if (deleted is not null)
            {
                return deleted;
            }

            if (attempt == DeleteTries)
            {
                return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"objects kept being added to '{target.Path}' while it was deleted; nothing was deleted");
            }
        }
    }

    // One try; null when an object was added below the container after it was read.
    private async Task<StorageResult<StoredObject>?> TryDeleteAsync(StorageCaller caller, StoredObject target, CancellationToken ct)
    {
        if (target.Path == "/")
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.Forbidden, "the root container cannot be deleted");
        }

        var parent = target.ParentId is { } pid ? await catalog.FindByIdAsync(pid, ct) : null;
        var mayDelete = AccessPolicy.Allows(target, caller, AceMask.Delete)
            || (parent is not null && AccessPolicy.Allows(parent, caller, AceMask.DeleteObject));
        if (!mayDelete)
        {
            return Deny(target, caller, AceMask.Delete, "delete it")!;
        }

        var doomed = new List<StoredObject> { target };
        if (target.Kind == ObjectKind.Container)
        {
            var below = await catalog.DescendantsAsync(target.Path, ct);
            var hidden = below.FirstOrDefault(d => !AccessPolicy.Allows(d, caller, AceMask.Delete));
            if (hidden is not null && !AccessPolicy.Allows(target, caller, AceMask.DeleteObject))
            {
                return StorageResult<StoredObject>.Fail(StorageStatus.Forbidden, $"'{target.Path}' holds objects you may not delete");
            }

            doomed.AddRange(below);
        }

        // CDMI 1.1.1 §13: a container's export goes with it, and so does the volume behind it (not while attached).
        if (await UnexportAllAsync(doomed, ct) is { } refused)
        {
            return refused;
        }

        if (!await catalog.DeleteTreeAsync(target, [.. doomed.Select(d => d.Id)], ct))
        {
            return null;
        }

        foreach (var gone in doomed)
        {
            values.Delete(gone.ValueVersion);
            foreach (var queued in gone.Queue)
            {
                values.Delete(queued.Version);
            }
        }

        return StorageResult<StoredObject>.Done(target);
    }
}
