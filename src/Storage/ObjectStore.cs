using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Ports;
using StandardsCloud.Storage.Values;

namespace StandardsCloud.Storage;

/// <summary>
/// The object store: a namespace of containers and data objects with owners, metadata, ACLs and
/// ObjectIDs over a catalog (records) and a value store (bytes). Every call says who asks;
/// an object the caller may not read does not exist for them. Containers' OCCI/iSCSI exports are
/// carried out through <see cref="IContainerExports"/> (refused when none is given).
/// </summary>
public sealed partial class ObjectStore(IObjectCatalog catalog, FileValueStore values, StorageOptions options, TimeProvider time,
    IContainerExports? containerExports = null)
{
    private readonly IContainerExports exports = containerExports ?? NoContainerExports.Instance;
    private readonly ValueLocks valueLocks = new();

    /// <summary>The owner of the root container, which belongs to nobody.</summary>
    public const string SystemOwner = "";

    /// <summary>The mimetype of a value written without one (a data object's, a queued value's).</summary>
    public const string DefaultMimeType = "text/plain";

    public StorageOptions Options => options;

    public FileValueStore Values => values;

    /// <summary>
    /// What every signed-in user may do at the root: list it and read its fields (metadata,
    /// attributes), and create in it. Nothing is inherited: what a user creates there is theirs.
    /// </summary>
    private static AccessControlEntry RootEntry { get; } = new(true, AccessPolicy.Authenticated, 0,
        AceMask.ReadObject | AceMask.WriteObject | AceMask.AppendData | AceMask.ReadMetadata | AceMask.ReadAttributes);

    /// <summary>The root's entry as made before READ_ATTRIBUTES was enforced; a root that still has exactly it is given <see cref="RootEntry"/>.</summary>
    private static AccessControlEntry FormerRootEntry { get; } = RootEntry with { Mask = RootEntry.Mask & ~AceMask.ReadAttributes };

    /// <summary>Makes sure the root container exists; every user may list it, read its fields and create in it.</summary>
    public async Task EnsureRootAsync(CancellationToken ct)
    {
        if (await catalog.FindByPathAsync("/", ct) is { } root)
        {
            // A root whose ACL an administrator has changed keeps it.
            if (HasFormerRootAcl(root))
            {
                await catalog.UpdateAsync(root.Id, r => HasFormerRootAcl(r) ? r with { Acl = [RootEntry] } : null, ct);
            }

            return;
        }

        var now = time.GetUtcNow();
        await catalog.InsertAsync(new StoredObject
        {
            Id = ObjectId.New(options.EnterpriseNumber).Text,
            Kind = ObjectKind.Container,
            Path = "/",
            ParentPath = "",
            Owner = SystemOwner,
            Acl = [RootEntry],
            Created = now,
            Modified = now,
            Accessed = now,
        }, ct);
    }

    private static bool HasFormerRootAcl(StoredObject root) => root.Acl is [var only] && only == FormerRootEntry;

    /// <summary>The root container's ObjectID (null until it is made), which anyone may know: capability objects name it as their parent.</summary>
    public async Task<string?> RootIdAsync(CancellationToken ct) => (await catalog.FindByPathAsync("/", ct))?.Id;

    /// <summary>The object at <paramref name="path"/> if the caller may read it.</summary>
    public async Task<StorageResult<StoredObject>> GetAsync(StorageCaller caller, ObjectPath path, CancellationToken ct)
    {
        var found = await catalog.FindByPathAsync(path.Value, ct);
        return Visible(found, caller, path.Value);
    }

    /// <summary>The object with ObjectID <paramref name="id"/> if the caller may read it.</summary>
    public async Task<StorageResult<StoredObject>> GetByIdAsync(StorageCaller caller, string id, CancellationToken ct)
    {
        var found = ObjectId.TryParse(id, out var parsed) ? await catalog.FindByIdAsync(parsed.Value.Text, ct) : null;
        return Visible(found, caller, id);
    }

    /// <summary>The children of a container the caller may see, in name order.</summary>
    public async Task<IReadOnlyList<StoredObject>> ChildrenAsync(StorageCaller caller, StoredObject container, CancellationToken ct)
    {
        var children = await catalog.ChildrenAsync(container.Path, ct);
        return [.. children.Where(c => AccessPolicy.MaySee(c, caller))];
    }

    /// <summary>
    /// Records that the caller has just read the object (cdmi_atime, CDMI 1.1.1 §16.3); returns the
    /// record with its new access time, or the record as it was should it have gone meanwhile.
    /// </summary>
    public async Task<StoredObject> TouchAsync(StoredObject obj, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var touched = await catalog.UpdateAsync(obj.Id, current => current with { Accessed = now }, ct);
        return touched?.After ?? obj;
    }

    /// <summary>Opens the committed value of a data object for reading.</summary>
    public Stream OpenValue(StoredObject obj) => obj.ValueVersion is { } v ? values.OpenRead(v) : Stream.Null;

    private static StorageResult<StoredObject> Visible(StoredObject? found, StorageCaller caller, string name) =>
        found is not null && AccessPolicy.MaySee(found, caller)
            ? StorageResult<StoredObject>.Done(found)
            : StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{name}'");

    /// <summary>Checks a right on a visible object: NotFound when the caller cannot even read it.</summary>
    private static StorageResult<StoredObject>? Deny(StoredObject obj, StorageCaller caller, uint wanted, string what)
    {
        if (AccessPolicy.Allows(obj, caller, wanted))
        {
            return null;
        }

        return AccessPolicy.MaySee(obj, caller)
            ? StorageResult<StoredObject>.Fail(StorageStatus.Forbidden, $"'{obj.Path}': not allowed to {what}")
            : StorageResult<StoredObject>.Fail(StorageStatus.NotFound, $"no object '{obj.Path}'");
    }

    private string? CheckMetadata(IReadOnlyDictionary<string, string> metadata) =>
        CheckItems(metadata, "metadata items", options.MaxMetadataItems, "bytes of metadata", options.MaxMetadataBytes);

    private string? CheckFields(IReadOnlyDictionary<string, string> fields) =>
        CheckItems(fields, "fields not defined by CDMI", options.MaxUninterpretedFields,
            "bytes of fields not defined by CDMI", options.MaxUninterpretedFieldBytes);

    /// <summary>User metadata and uninterpreted fields are client JSON kept in the object's record: both are bounded.</summary>
    private static string? CheckItems(IReadOnlyDictionary<string, string> items, string what, int maxItems, string whatBytes, int maxBytes)
    {
        if (items.Count > maxItems)
        {
            return $"{items.Count} {what}; at most {maxItems} allowed";
        }

        var bytes = items.Sum(m => (long)System.Text.Encoding.UTF8.GetByteCount(m.Key) + System.Text.Encoding.UTF8.GetByteCount(m.Value));
        return bytes > maxBytes ? $"{bytes} {whatBytes}; at most {maxBytes} allowed" : null;
    }
}
