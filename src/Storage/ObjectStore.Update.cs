using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Values;

namespace StandardsCloud.Storage;

/// <summary>
/// An update of an existing object, in the parts every way of making one shares (a PUT, a move
/// with changes): who may make it, and the record it leaves, computed from the record as it is
/// (applied again when another writer gets there first).
/// </summary>
public sealed partial class ObjectStore
{
    /// <summary>Why the caller may not make <paramref name="write"/> to an existing data object; null when they may.</summary>
    private static StorageResult<StoredObject>? RefusedUpdate(StoredObject existing, StorageCaller caller, DataObjectWrite write)
    {
        // CDMI 1.1.1 §16.1.5: WRITE_OBJECT covers the value and mimetype, WRITE_METADATA the metadata.
        if ((write.Value is not null || write.MimeType is not null) && Deny(existing, caller, AceMask.WriteObject, "write it") is { } denied)
        {
            return denied;
        }

        if ((write.Metadata != JsonItemsChange.None || write.ValueHash is not null || write.Value is null && write.MimeType is null && write.Fields == JsonItemsChange.None)
            && Deny(existing, caller, AceMask.WriteMetadata, "change its metadata") is { } noMetadata)
        {
            return noMetadata;
        }

        return RefusedAttributesOrAcl(existing, caller, write.Fields, write.Acl);
    }

    /// <summary>Why the caller may not make <paramref name="write"/> to an existing container or queue; null when they may.</summary>
    private static StorageResult<StoredObject>? RefusedUpdate(StoredObject existing, StorageCaller caller, ContainerWrite write)
    {
        var onlyFields = write.Fields != JsonItemsChange.None && write.Metadata == JsonItemsChange.None && write.ValueHash is null && write.Acl is null
            && write.Exports is null;
        if (!onlyFields && Deny(existing, caller, AceMask.WriteMetadata, "change its metadata") is { } denied)
        {
            return denied;
        }

        return RefusedAttributesOrAcl(existing, caller, write.Fields, write.Acl);
    }

    private static StorageResult<StoredObject>? RefusedAttributesOrAcl(StoredObject existing, StorageCaller caller, JsonItemsChange fields,
        IReadOnlyList<AccessControlEntry>? acl)
    {
        // CDMI 1.1.1 §16.1.5 (Table 117, note 1): fields other than value, children and metadata are attribute fields.
        if (fields != JsonItemsChange.None && Deny(existing, caller, AceMask.WriteAttributes, "change its fields") is { } noAttributes)
        {
            return noAttributes;
        }

        return acl is not null ? Deny(existing, caller, AceMask.WriteAcl, "change its ACL") : null;
    }

    /// <summary>
    /// Checks an update of an existing container or queue as any way of making one does (the caller's
    /// rights, exports only on containers, the metadata and field limits) and plans what it does to a
    /// container's export (a write naming no exports keeps it, and only its size is checked).
    /// </summary>
    private async Task<StorageResult<ExportPlan>> CheckHolderUpdateAsync(StoredObject existing, StorageCaller caller, ContainerWrite write,
        CancellationToken ct)
    {
        if (RefusedUpdate(existing, caller, write) is { } refused)
        {
            return StorageResult<ExportPlan>.Fail(refused.Status, refused.Message);
        }

        if (existing.Kind != ObjectKind.Container && OcciIscsiExport.IsIn(write.Exports))
        {
            return StorageResult<ExportPlan>.Fail(StorageStatus.InvalidRequest, "only containers are exported");
        }

        if (TooMuch(existing, write.Metadata, write.Fields) is { } tooMuch)
        {
            return StorageResult<ExportPlan>.Fail(StorageStatus.InvalidRequest, tooMuch);
        }

        return existing.Kind == ObjectKind.Container
            ? await PlanExportAsync(existing.Owner, existing.Id, existing, write, ct)
            : StorageResult<ExportPlan>.Done(ExportPlan.Unchanged);
    }

    /// <summary>Why the metadata and fields a write leaves on <paramref name="current"/> (null: a new object) are too many; null when they fit.</summary>
    private string? TooMuch(StoredObject? current, JsonItemsChange metadata, JsonItemsChange fields) =>
        CheckMetadata(metadata.ApplyTo(current?.Metadata ?? new Dictionary<string, string>()))
        ?? CheckFields(fields.ApplyTo(current?.UninterpretedFields ?? new Dictionary<string, string>()));

    /// <summary>
    /// A data object's record after <paramref name="write"/>: <paramref name="version"/> is the value it
    /// committed (<paramref name="written"/> its bytes), null when the value stays.
    /// </summary>
    private static StoredObject DataObjectAfter(StoredObject current, DataObjectWrite write, string? version, PendingValue? written, VersionHashes hashes,
        DateTimeOffset now) => current with
        {
            MimeType = write.MimeType ?? current.MimeType,
            Metadata = write.Metadata.ApplyTo(current.Metadata),
            UninterpretedFields = write.Fields.ApplyTo(current.UninterpretedFields),
            Acl = write.Acl ?? current.Acl,
            ValueHash = write.ValueHash is { } setting ? setting.Algorithm : current.ValueHash,
            ValueVersion = version ?? current.ValueVersion,
            Size = written?.Size ?? current.Size,
            Hash = HashAfter(current, write.ValueHash, version is null ? null : written!.Hash, version ?? current.ValueVersion, hashes),
            ValueTransferEncoding = write.ValueTransferEncoding ?? current.ValueTransferEncoding,
            IsComplete = write.IsComplete,
            Modified = now,
            Accessed = now,
        };

    /// <summary>A container's or queue's record after <paramref name="write"/> with its export <paramref name="plan"/>, or why it would hold too much.</summary>
    private (StoredObject? After, string? Problem) HolderAfter(StoredObject current, ContainerWrite write, ExportPlan plan, DateTimeOffset now)
    {
        var metadata = write.Metadata.ApplyTo(current.Metadata);
        if (plan.AssignedSize is { } size)
        {
            metadata[OcciIscsiExport.AssignedSize] = size;
        }

        var fields = write.Fields.ApplyTo(current.UninterpretedFields);
        if ((CheckMetadata(metadata) ?? CheckFields(fields)) is { } problem)
        {
            return (null, problem);
        }

        return (current with
        {
            Metadata = metadata,
            UninterpretedFields = fields,
            Acl = write.Acl ?? current.Acl,
            ValueHash = write.ValueHash is { } setting ? setting.Algorithm : current.ValueHash,
            Exports = plan.Exports ?? (write.Exports is null ? current.Exports : new(write.Exports, StringComparer.Ordinal)),
            Modified = now,
        }, null);
    }
}
