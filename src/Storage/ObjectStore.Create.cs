using System.IO.Pipelines;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Values;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>Creates a container (Created) or updates an existing one's metadata (Ok).</summary>
    public Task<StorageResult<StoredObject>> PutContainerAsync(StorageCaller caller, ObjectPath path, ContainerWrite write, CancellationToken ct) =>
        PutHolderAsync(caller, path.AsContainer(), ObjectKind.Container, write, ct);

    /// <summary>Creates a queue (Created) or updates an existing one's metadata (Ok) (CDMI 1.1.1 §11.2, §11.4).</summary>
    public Task<StorageResult<StoredObject>> PutQueueAsync(StorageCaller caller, ObjectPath path, ContainerWrite write, CancellationToken ct) =>
        PutHolderAsync(caller, path.AsDataObject(), ObjectKind.Queue, write, ct);

    private async Task<StorageResult<StoredObject>> PutHolderAsync(StorageCaller caller, ObjectPath path, ObjectKind kind, ContainerWrite write, CancellationToken ct)
    {
        var existing = await catalog.FindByPathAsync(path.Value, ct);
        if (existing is not null)
        {
            return existing.Kind == kind
                ? await UpdateContainerAsync(caller, existing, write, ct)
                : StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{path}' is a {existing.Kind}, not a {kind}");
        }

        var other = kind == ObjectKind.Container ? path.AsDataObject() : path.AsContainer();
        if (await catalog.FindByPathAsync(other.Value, ct) is { } clash && AccessPolicy.Allows(clash, caller, AceMask.ReadObject))
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{clash.Path}' exists as a {clash.Kind}");
        }

        var parent = await ParentForCreateAsync(caller, path, kind == ObjectKind.Container ? AceMask.AppendData : AceMask.WriteObject, ct);
        if (!parent.Succeeded)
        {
            return parent;
        }

        var metadata = write.Metadata.ApplyTo(new Dictionary<string, string>());
        var fields = write.Fields.ApplyTo(new Dictionary<string, string>());
        if ((CheckMetadata(metadata) ?? CheckFields(fields)) is { } tooMuch)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, tooMuch);
        }

        var id = ObjectId.New(options.EnterpriseNumber).Text;
        var plan = ExportPlan.Unchanged;
        if (kind == ObjectKind.Container)
        {
            var planned = await PlanExportAsync(caller.UserId, id, null, write, ct);
            if (!planned.Succeeded)
            {
                return StorageResult<StoredObject>.Fail(planned.Status, planned.Message);
            }

            plan = planned.Value!;
            if (plan.AssignedSize is { } size)
            {
                metadata[OcciIscsiExport.AssignedSize] = size;
            }
        }
        else if (OcciIscsiExport.IsIn(write.Exports))
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, "only containers are exported");
        }

        var now = time.GetUtcNow();
        var record = new StoredObject
        {
            Id = id,
            Kind = kind,
            Path = path.Value,
            ParentPath = parent.Value!.Path,
            ParentId = parent.Value.Id,
            Owner = caller.UserId,
            Metadata = metadata,
            UninterpretedFields = fields,
            Acl = write.Acl ?? AccessPolicy.Inherited(parent.Value, kind),
            ValueHash = ValueHashAtPlacement(write.ValueHash, parent.Value),
            Exports = plan.Exports ?? (write.Exports is null ? new(StringComparer.Ordinal) : new(write.Exports, StringComparer.Ordinal)),
            Created = now,
            Modified = now,
            Accessed = now,
        };
        if (!await catalog.InsertAsync(record, ct))
        {
            await UndoExportAsync(caller.UserId, id, plan, ct);

            // Another writer created it first: this becomes an update of theirs.
            return await catalog.FindByPathAsync(path.Value, ct) is { } raced && raced.Kind == kind
                ? await UpdateContainerAsync(caller, raced, write, ct)
                : StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{path}' changed meanwhile");
        }

        return StorageResult<StoredObject>.Done(record, StorageStatus.Created);
    }

    private async Task<StorageResult<StoredObject>> UpdateContainerAsync(StorageCaller caller, StoredObject existing, ContainerWrite write, CancellationToken ct)
    {
        var checkedUpdate = await CheckHolderUpdateAsync(existing, caller, write, ct);
        if (!checkedUpdate.Succeeded)
        {
            return StorageResult<StoredObject>.Fail(checkedUpdate.Status, checkedUpdate.Message);
        }

        var plan = checkedUpdate.Value!;
        string? problem = null;
        var updated = await catalog.UpdateAsync(existing.Id, current =>
        {
            (var after, problem) = HolderAfter(current, write, plan, time.GetUtcNow());
            return after;
        }, ct);
        if (updated is { } u)
        {
            return StorageResult<StoredObject>.Done(u.After);
        }

        await UndoExportAsync(existing.Owner, existing.Id, plan, ct);
        return StorageResult<StoredObject>.Fail(problem is null ? StorageStatus.NotFound : StorageStatus.InvalidRequest, problem ?? $"no object '{existing.Path}'");
    }

    /// <summary>Creates a data object (Created) or changes an existing one (Ok); its value is replaced atomically.</summary>
    public async Task<StorageResult<StoredObject>> PutDataObjectAsync(StorageCaller caller, ObjectPath path, DataObjectWrite write, CancellationToken ct)
    {
        path = path.AsDataObject();
        if (write.Offset is null)
        {
            return await PutDataObjectCoreAsync(caller, path, write, ct);
        }

        // A range write patches a copy of the current value: it holds the object from reading that value to committing.
        using (await valueLocks.EnterAsync(path.Value, ct))
        {
            return await PutDataObjectCoreAsync(caller, path, write, ct);
        }
    }

    private async Task<StorageResult<StoredObject>> PutDataObjectCoreAsync(StorageCaller caller, ObjectPath path, DataObjectWrite write, CancellationToken ct)
    {
        var existing = await catalog.FindByPathAsync(path.Value, ct);
        if (existing is not null && existing.Kind != ObjectKind.DataObject)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.NotADataObject, $"'{path}' is not a data object");
        }

        if (write.Holds is { } early && !early(existing))
        {
            return PreconditionFailed(path);
        }

        if (existing is not null && RefusedUpdate(existing, caller, write) is { } refused)
        {
            return refused;
        }

        if (existing is null && await catalog.FindByPathAsync(path.AsContainer().Value, ct) is { } clash && AccessPolicy.Allows(clash, caller, AceMask.ReadObject))
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{clash.Path}' is a container");
        }

        StoredObject? parent = null;
        if (existing is null)
        {
            var found = await ParentForCreateAsync(caller, path, AceMask.WriteObject, ct);
            if (!found.Succeeded)
            {
                return found;
            }

            parent = found.Value!;
        }

        if (TooMuch(existing, write.Metadata, write.Fields) is { } metadataCheck)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, metadataCheck);
        }

        // CDMI 1.1.1 §16.4: the value is hashed only when the object's cdmi_value_hash (its own or, at placement, its parent's, §5.5) asks.
        var hashed = ValueHashSetting.Asks(write.ValueHash is { } asked ? asked.Algorithm : existing is not null ? existing.ValueHash : parent!.ValueHash);
        using var pending = await WriteValueAsync(existing, write, hashed, ct);
        switch (pending.Failure)
        {
            case ValueWriteFailure.TooLarge:
                return StorageResult<StoredObject>.Fail(StorageStatus.TooLarge, $"a value may have at most {options.MaxValueBytes} bytes");
            case ValueWriteFailure.LengthMismatch:
                return StorageResult<StoredObject>.Fail(StorageStatus.LengthMismatch, "the body does not fill the range it names");
            case ValueWriteFailure.BaseGone:
                return StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"'{path}' was deleted while the range was written");
        }

        // A whole new value is committed while no range write is patching the one it replaces.
        using var committing = write.Offset is null && existing is not null ? await valueLocks.EnterAsync(path.Value, ct) : null;
        var version = pending.Value is { } p ? values.Commit(p) : null;
        var now = time.GetUtcNow();
        if (existing is null)
        {
            var record = new StoredObject
            {
                Id = ObjectId.New(options.EnterpriseNumber).Text,
                Kind = ObjectKind.DataObject,
                Path = path.Value,
                ParentPath = parent!.Path,
                ParentId = parent.Id,
                Owner = caller.UserId,
                MimeType = write.MimeType ?? DefaultMimeType,
                Metadata = write.Metadata.ApplyTo(new Dictionary<string, string>()),
                UninterpretedFields = write.Fields.ApplyTo(new Dictionary<string, string>()),
                Acl = write.Acl ?? AccessPolicy.Inherited(parent, ObjectKind.DataObject),
                ValueHash = ValueHashAtPlacement(write.ValueHash, parent),
                ValueVersion = version,
                Size = pending.Value?.Size ?? 0,
                Hash = pending.Value?.Hash ?? "",
                ValueTransferEncoding = write.ValueTransferEncoding ?? "utf-8",
                IsComplete = write.IsComplete,
                Created = now,
                Modified = now,
                Accessed = now,
            };
            if (await catalog.InsertAsync(record, ct))
            {
                return StorageResult<StoredObject>.Done(record, StorageStatus.Created);
            }

            // Another request created it meanwhile: a whole new value replaces theirs, as if it came second.
            existing = await catalog.FindByPathAsync(path.Value, ct);
            if (write.Holds is { } created && !created(existing))
            {
                values.Delete(version);
                return PreconditionFailed(path);
            }

            if (existing is null)
            {
                // Nobody took the name: its container moved or went since it was read, and nothing is added below it then.
                values.Delete(version);
                return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{path}': its container moved or was deleted meanwhile; try again");
            }

            if (existing is not { Kind: ObjectKind.DataObject } || write.Offset is not null
                || !AccessPolicy.Allows(existing, caller, AceMask.WriteObject) || (write.Acl is not null && !AccessPolicy.Allows(existing, caller, AceMask.WriteAcl))
                || (write.Fields != JsonItemsChange.None && !AccessPolicy.Allows(existing, caller, AceMask.WriteAttributes)))
            {
                values.Delete(version);
                return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{path}' was created by another request meanwhile; try again");
            }
        }

        var hashes = HashesForUpdate(existing, write, valueWritten: version is not null);
        var conditionFailed = false;
        var updated = await catalog.UpdateAsync(existing.Id, current => (conditionFailed = write.Holds is { } holds && !holds(current))
            ? null
            : DataObjectAfter(current, write, version, pending.Value, hashes, now), ct);
        if (updated is not { } u)
        {
            values.Delete(version);
            return conditionFailed ? PreconditionFailed(path) : StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{path}'");
        }

        if (version is not null && u.Before.ValueVersion != u.After.ValueVersion)
        {
            values.Delete(u.Before.ValueVersion);
        }

        return StorageResult<StoredObject>.Done(u.After);
    }

    private static StorageResult<StoredObject> PreconditionFailed(ObjectPath path) =>
        StorageResult<StoredObject>.Fail(StorageStatus.PreconditionFailed, $"'{path}': a precondition of the request does not hold (the object changed or exists)");

    private async Task<ValueWrite> WriteValueAsync(StoredObject? existing, DataObjectWrite write, bool hashed, CancellationToken ct)
    {
        if (write.Value is null)
        {
            return existing is null
                ? await values.WriteAsync(PipeReader.Create(System.Buffers.ReadOnlySequence<byte>.Empty), options.MaxValueBytes, hashed, ct)
                : new ValueWrite(null, ValueWriteFailure.None);
        }

        return write.Offset is { } offset
            ? await values.WriteRangeAsync(existing?.ValueVersion, offset, write.Value, write.Length, options.MaxValueBytes, hashed, ct)
            : await values.WriteAsync(write.Value, options.MaxValueBytes, hashed, ct);
    }

    /// <summary>The parent container of a new object, created on the way when the site allows it.</summary>
    private async Task<StorageResult<StoredObject>> ParentForCreateAsync(StorageCaller caller, ObjectPath path, uint wanted, CancellationToken ct)
    {
        var parentPath = path.Parent;
        var parent = await catalog.FindByPathAsync(parentPath.Value, ct);
        if (parent is null || !AccessPolicy.Allows(parent, caller, AceMask.ReadObject))
        {
            if (!options.CreateParents || parentPath.IsRoot)
            {
                return StorageResult<StoredObject>.Fail(StorageStatus.ParentNotFound, $"no container '{parentPath}'");
            }

            var made = await PutContainerAsync(caller, parentPath, new ContainerWrite(), ct);
            if (!made.Succeeded)
            {
                return made.Status == StorageStatus.NotFound
                    ? StorageResult<StoredObject>.Fail(StorageStatus.ParentNotFound, made.Message)
                    : made;
            }

            parent = made.Value!;
        }

        if (parent.Kind != ObjectKind.Container)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.NotAContainer, $"'{parent.Path}' is not a container");
        }

        return Deny(parent, caller, wanted, "create objects in it") ?? StorageResult<StoredObject>.Done(parent);
    }
}
