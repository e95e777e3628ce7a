using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Creates a reference: a name that redirects to <paramref name="target"/>, a URI in this
    /// namespace or another (CDMI 1.1.1 §5.16). Its target never changes; the name must be free.
    /// A name ending with '/' makes a container reference (§9.2.5); it holds nothing, and is
    /// created and inherits its ACL as any reference does.
    /// </summary>
    public async Task<StorageResult<StoredObject>> PutReferenceAsync(StorageCaller caller, ObjectPath path, string target, CancellationToken ct)
    {
        if (await catalog.FindByPathAsync(path.Value, ct) is { } existing)
        {
            return AccessPolicy.Allows(existing, caller, AceMask.ReadObject)
                ? StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{path}' exists; a reference is made under a free name")
                : StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{path}'");
        }

        var otherShape = path.IsContainer ? path.AsDataObject() : path.AsContainer();
        if (await catalog.FindByPathAsync(otherShape.Value, ct) is { } clash && AccessPolicy.Allows(clash, caller, AceMask.ReadObject))
        {
            return StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{clash.Path}' exists as a {clash.Kind}");
        }

        var parent = await ParentForCreateAsync(caller, path, AceMask.WriteObject, ct);
        if (!parent.Succeeded)
        {
            return parent;
        }

        var now = time.GetUtcNow();
        var record = new StoredObject
        {
            Id = ObjectId.New(options.EnterpriseNumber).Text,
            Kind = ObjectKind.Reference,
            Path = path.Value,
            ParentPath = parent.Value!.Path,
            ParentId = parent.Value.Id,
            Owner = caller.UserId,
            Acl = AccessPolicy.Inherited(parent.Value, ObjectKind.DataObject),
            ReferenceTarget = target,
            Created = now,
            Modified = now,
            Accessed = now,
        };
        return await catalog.InsertAsync(record, ct)
            ? StorageResult<StoredObject>.Done(record, StorageStatus.Created)
            : StorageResult<StoredObject>.Fail(StorageStatus.Conflict, $"'{path}' was created by another request, or its container moved, meanwhile");
    }
}
