using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Values;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Copies a container and everything below it the caller may read to a new container at
    /// <paramref name="destination"/> (CDMI 1.1.1 §9.2, copy): every copy gets a new ObjectID, the
    /// caller as owner and its own copy of each value; each object below carries only what the
    /// caller may read of it (see <see cref="Readable"/>). The destination must not exist.
    /// </summary>
    public async Task<StorageResult<StoredObject>> CopyContainerAsync(StorageCaller caller, StoredObject source, ObjectPath destination, ContainerWrite write,
        CancellationToken ct)
    {
        if (source.Kind != ObjectKind.Container || !destination.IsContainer)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, "a container is copied to a URI ending with '/'");
        }

        if (destination.Value.StartsWith(source.Path, StringComparison.Ordinal))
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.InvalidRequest, $"'{source.Path}' cannot be copied into itself");
        }

        if (await catalog.FindByPathAsync(destination.Value, ct) is not null)
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{destination}' exists; a container is copied to a new name");
        }

        var below = (await catalog.DescendantsAsync(source.Path, ct)).Where(o => AccessPolicy.Allows(o, caller, AceMask.ReadObject)).ToList();
        var made = await PutContainerAsync(caller, destination, write with
        {
            Metadata = write.Metadata == JsonItemsChange.None ? new JsonItemsChange(source.Metadata, null) : write.Metadata,
            // CDMI 1.1.1 §9.2.5: a copy is complete; fields the body names replace the source's of that name.
            Fields = new JsonItemsChange(write.Fields.ApplyTo(source.UninterpretedFields), null),
            // The source's cdmi_value_hash comes along unless the body sets one; without one the copy inherits at placement (§5.5).
            ValueHash = write.ValueHash ?? (source.ValueHash is { } setting ? new ValueHashSetting(setting) : null),
            Exports = write.Exports ?? WithoutOcciIscsi(source.Exports),
        }, ct);
        if (made.Status != StorageStatus.Created)
        {
            return made.Succeeded ? StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{destination}' was created meanwhile") : made;
        }

        // Parents come before their children in path order, so each copy's parent is made first.
        var copies = new Dictionary<string, StoredObject>(StringComparer.Ordinal) { [source.Path] = made.Value! };
        var now = time.GetUtcNow();
        var hashes = new VersionHashes(values);
        foreach (var original in below.OrderBy(o => o.Path, StringComparer.Ordinal))
        {
            if (!copies.TryGetValue(original.ParentPath, out var parent))
            {
                continue; // below a container the caller may not read
            }

            var readable = Readable(original, caller, parent, hashes);
            var copy = readable with
            {
                Id = ObjectId.New(options.EnterpriseNumber).Text,
                Path = destination.Value + original.Path[source.Path.Length..],
                ParentPath = parent.Path,
                ParentId = parent.Id,
                Owner = caller.UserId,
                ValueVersion = original.ValueVersion is { } v ? values.Duplicate(v) : null,
                Queue = [.. readable.Queue.Select(q => q with { Version = values.Duplicate(q.Version) })],
                Exports = WithoutOcciIscsi(readable.Exports),
                Created = now,
                Modified = now,
                Accessed = now,
            };
            if (!await catalog.InsertAsync(copy, ct))
            {
                values.Delete(copy.ValueVersion);
                return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{copy.Path}' was created by another request meanwhile");
            }

            copies[original.Path] = copy;
        }

        return made;
    }

    /// <summary>
    /// <paramref name="original"/> less what the caller may not read of it (CDMI 1.1.1 §16.1.5), each
    /// part replaced by what an object newly placed under <paramref name="parent"/> (the copy's parent)
    /// gets: without READ_METADATA no metadata, and as cdmi_value_hash is a metadata item (§16.4) the
    /// parent's, hashing as a new object there would (§5.5); without READ_ATTRIBUTES no uninterpreted
    /// fields or exports and the default mimetype (for queued values too); without READ_ACL the ACL
    /// inherited from <paramref name="parent"/> (§16.1.4). The value needs READ_OBJECT, which the caller has.
    /// </summary>
    private static StoredObject Readable(StoredObject original, StorageCaller caller, StoredObject parent, VersionHashes hashes)
    {
        var readable = original;
        if (!AccessPolicy.Allows(original, caller, AceMask.ReadMetadata))
        {
            var setting = ValueHashAtPlacement(null, parent);
            readable = readable with
            {
                Metadata = new(StringComparer.Ordinal),
                ValueHash = setting,
                Hash = HashAfter(original, new ValueHashSetting(setting), null, original.ValueVersion, hashes),
            };
        }

        if (!AccessPolicy.Allows(original, caller, AceMask.ReadAttributes))
        {
            readable = readable with
            {
                UninterpretedFields = new(StringComparer.Ordinal),
                Exports = new(StringComparer.Ordinal),
                // Only a data object and its queued values have a mimetype a client sets.
                MimeType = original.Kind == ObjectKind.DataObject ? DefaultMimeType : original.MimeType,
                Queue = [.. original.Queue.Select(q => q with { MimeType = DefaultMimeType })],
            };
        }

        if (!AccessPolicy.Allows(original, caller, AceMask.ReadAcl))
        {
            readable = readable with { Acl = AccessPolicy.Inherited(parent, original.Kind) };
        }

        return readable;
    }
}
