using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Ports;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>What a move's write makes of the moved record as it is when stored: the record after, or why it would hold too much.</summary>
    private delegate (StoredObject? After, string? Problem) MovedRecordChange(StoredObject current);

    /// <summary>Moves an object (a container with all it holds) to a new path, changing nothing else.</summary>
    public Task<StorageResult<StoredObject>> MoveAsync(StorageCaller caller, StoredObject source, ObjectPath destination, CancellationToken ct) =>
        MoveAsync(caller, source, destination, MoveWrite.None, ct);

    /// <summary>
    /// Moves an object (a container with all it holds) to a new path; its ObjectID stays, and its value
    /// too (CDMI 1.1.1 §8.2.5, §9.2.5, §11.2.5 move). The destination must not exist. The changes
    /// <paramref name="write"/> asks are made with the move: all of it is stored, or (one part refused) nothing.
    /// </summary>
    public async Task<StorageResult<StoredObject>> MoveAsync(StorageCaller caller, StoredObject source, ObjectPath destination, MoveWrite write,
        CancellationToken ct)
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

        // What the write asks is checked, and a value it turns hashing on for is hashed, before anything changes.
        var planned = await PlanMovedRecordChangeAsync(caller, source, write, ct);
        if (!planned.Succeeded)
        {
            return StorageResult<StoredObject>.Fail(planned.Status, planned.Message);
        }

        var target = await ParentForCreateAsync(caller, destination, isContainer ? AceMask.AppendData : AceMask.WriteObject, ct);
        if (!target.Succeeded)
        {
            return target;
        }

        var change = planned.Value!;
        var into = target.Value!;
        (StorageStatus Status, string Message) declined = (StorageStatus.Conflict, "");
        var now = time.GetUtcNow();
        var moved = await catalog.MoveTreeAsync(source.Id, into.Id, (tree, destinationParent) =>
        {
            if (tree.Root.Path != source.Path)
            {
                declined = (StorageStatus.NotFound, $"no object '{source.Path}' (it moved meanwhile)");
                return null;
            }

            if (destinationParent is not { Kind: ObjectKind.Container } || destinationParent.Path != into.Path)
            {
                declined = (StorageStatus.Conflict, $"'{into.Path}' moved or was deleted meanwhile");
                return null;
            }

            var (changed, problem) = change(tree.Root);
            if (changed is null)
            {
                declined = (StorageStatus.InvalidRequest, problem!);
                return null;
            }

            // Paths change, ObjectIDs and value versions do not: each value stays where it is.
            return new ObjectTree(
                changed with { Path = destination.Value, ParentPath = into.Path, ParentId = into.Id, Modified = now },
                [.. tree.Below.Select(o => o with
                {
                    Path = destination.Value + o.Path[source.Path.Length..],
                    ParentPath = destination.Value + o.ParentPath[source.Path.Length..],
                })]);
        }, ct);

        return moved.Status switch
        {
            CatalogMoveStatus.Moved => StorageResult<StoredObject>.Done(moved.After!.Root, StorageStatus.Created),
            CatalogMoveStatus.NotFound => StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{source.Path}'"),
            CatalogMoveStatus.Declined => StorageResult<StoredObject>.Fail(declined.Status, declined.Message),
            CatalogMoveStatus.PathTaken => StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{destination}' exists"),
            _ => StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{source.Path}' kept changing while it moved; try again"),
        };
    }

    /// <summary>
    /// Checks the changes a move's write asks of <paramref name="source"/> as an update of it would (the
    /// caller's rights, limits, an exported container's size) and returns how they change its record.
    /// </summary>
    private async Task<StorageResult<MovedRecordChange>> PlanMovedRecordChangeAsync(StorageCaller caller, StoredObject source, MoveWrite write,
        CancellationToken ct)
    {
        // A reference is only a name: what a move's body says of metadata is not its to keep.
        if (write.ChangesNothing || source.Kind == ObjectKind.Reference)
        {
            return StorageResult<MovedRecordChange>.Done(current => (current, null));
        }

        if (source.Kind == ObjectKind.DataObject)
        {
            var update = write.ForDataObject();
            if (RefusedUpdate(source, caller, update) is { } refused)
            {
                return StorageResult<MovedRecordChange>.Fail(refused.Status, refused.Message);
            }

            if (TooMuch(source, update.Metadata, update.Fields) is { } tooMuch)
            {
                return StorageResult<MovedRecordChange>.Fail(StorageStatus.InvalidRequest, tooMuch);
            }

            var hashes = HashesForUpdate(source, update, valueWritten: false);

            // A move leaves an upload in progress as it is (X-CDMI-Partial, CDMI 1.1.1 §8.2.4).
            return StorageResult<MovedRecordChange>.Done(current =>
                (DataObjectAfter(current, update with { IsComplete = current.IsComplete }, null, null, hashes, time.GetUtcNow()), null));
        }

        // The write names no exports: planning only keeps an exported container's size, never makes or removes a volume.
        var holderUpdate = write.ForHolder();
        var checkedUpdate = await CheckHolderUpdateAsync(source, caller, holderUpdate, ct);
        if (!checkedUpdate.Succeeded)
        {
            return StorageResult<MovedRecordChange>.Fail(checkedUpdate.Status, checkedUpdate.Message);
        }

        var plan = checkedUpdate.Value!;
        return StorageResult<MovedRecordChange>.Done(current => HolderAfter(current, holderUpdate, plan, time.GetUtcNow()));
    }
}
