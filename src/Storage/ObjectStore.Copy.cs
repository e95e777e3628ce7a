using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Copies a container and everything below it the caller may read to a new container at
    /// <paramref name="destination"/> (CDMI 1.1.1 §9.2, copy): every copy gets a new ObjectID, the
    /// caller as owner and its own copy of each value. The destination must not exist.
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
        foreach (var original in below.OrderBy(o => o.Path, StringComparer.Ordinal))
        {
            if (!copies.TryGetValue(original.ParentPath, out var parent))
            {
                continue; // below a container the caller may not read
            }

            var copy = original with
            {
                Id = ObjectId.New(options.EnterpriseNumber).Text,
                Path = destination.Value + original.Path[source.Path.Length..],
                ParentPath = parent.Path,
                ParentId = parent.Id,
                Owner = caller.UserId,
                ValueVersion = original.ValueVersion is { } v ? values.Duplicate(v) : null,
                Queue = [.. original.Queue.Select(q => q with { Version = values.Duplicate(q.Version) })],
                Exports = WithoutOcciIscsi(original.Exports),
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
}
