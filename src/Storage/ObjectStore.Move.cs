using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Moves an object (a container with all it holds) to a new path; its ObjectID stays
    /// (CDMI 1.1.1 §8.2.5, §9.2.5 move). The destination must not exist.
    /// </summary>
    public async Task<StorageResult<StoredObject>> MoveAsync(StorageCaller caller, StoredObject source, ObjectPath destination, CancellationToken ct)
    {
        var isContainer = source.Kind == ObjectKind.Container;

        // A container reference keeps its container-shaped name, as a container does.
        var containerShaped = source.Path.EndsWith('/');
        if (containerShaped != destination.IsContainer)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, containerShaped
                ? $"a {(isContainer ? "container" : "container reference")} moves to a URI ending with '/'"
                : "a data object moves to a URI not ending with '/'");
        }

        if (source.Path == "/" || destination.Value.StartsWith(source.Path, StringComparison.Ordinal) && isContainer)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, $"'{source.Path}' cannot move into itself");
        }

        var parent = source.ParentId is { } pid ? await catalog.FindByIdAsync(pid, ct) : null;
        if (!AccessPolicy.Allows(source, caller, AceMask.Delete) && (parent is null || !AccessPolicy.Allows(parent, caller, AceMask.DeleteObject)))
        {
            return Deny(source, caller, AceMask.Delete, "move it")!;
        }

        if (await catalog.FindByPathAsync(destination.Value, ct) is not null
            || await catalog.FindByPathAsync(containerShaped ? destination.AsDataObject().Value : destination.AsContainer().Value, ct) is not null)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{destination}' exists");
        }

        var target = await ParentForCreateAsync(caller, destination, isContainer ? AceMask.AppendData : AceMask.WriteObject, ct);
        if (!target.Succeeded)
        {
            return target;
        }

        var below = isContainer ? await catalog.DescendantsAsync(source.Path, ct) : [];
        var now = time.GetUtcNow();
        var moved = await catalog.UpdateAsync(source.Id, o => o with
        {
            Path = destination.Value,
            ParentPath = target.Value!.Path,
            ParentId = target.Value.Id,
            Modified = now,
        }, ct);
        if (moved is null)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{source.Path}'");
        }

        foreach (var child in below)
        {
            await catalog.UpdateAsync(child.Id, o => o with
            {
                Path = destination.Value + o.Path[source.Path.Length..],
                ParentPath = destination.Value + o.ParentPath[source.Path.Length..],
            }, ct);
        }

        return StorageResult<StoredObject>.Done(moved.Value.After, StorageStatus.Created);
    }
}
