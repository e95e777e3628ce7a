using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests;

/// <summary>The root container every signed-in user may read and create in, as made and as kept across versions.</summary>
public class ObjectStoreRootTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private static readonly StorageCaller Admin = new("root", true);
    private static readonly StorageCaller Bob = new("bob", false);

    private const uint FormerRootMask = AceMask.ReadObject | AceMask.WriteObject | AceMask.AppendData | AceMask.ReadMetadata;

    private async Task<StoredObject> RootAsync(ObjectStore store) => (await store.GetAsync(Admin, ObjectPath.Root, default)).Value!;

    private static async Task SetRootAclAsync(ObjectStore store, params AccessControlEntry[] acl) =>
        Assert.True((await store.PutContainerAsync(Admin, ObjectPath.Root, new ContainerWrite { Acl = acl }, default)).Succeeded);

    // CDMI 1.1.1 §16.1.5 (Table 117): without READ_ATTRIBUTES users would read the root with no objectID, only its children and metadata.
    [Fact]
    public async Task EnsureRootAsync_RootOfAnEarlierVersion_GivesSignedInUsersReadAttributes()
    {
        var store = fixture.Store();
        await SetRootAclAsync(store, new AccessControlEntry(true, AccessPolicy.Authenticated, 0, FormerRootMask));

        await store.EnsureRootAsync(default);

        var root = await RootAsync(store);
        Assert.True(AccessPolicy.Allows(root, Bob, FormerRootMask | AceMask.ReadAttributes));
        Assert.Single(root.Acl);
    }

    [Fact]
    public async Task EnsureRootAsync_RootAclAnAdministratorChanged_IsKept()
    {
        var store = fixture.Store();
        var chosen = new AccessControlEntry(true, AccessPolicy.Authenticated, 0, AceMask.ReadObject | AceMask.ReadMetadata);
        await SetRootAclAsync(store, chosen);

        await store.EnsureRootAsync(default);

        Assert.Equal([chosen], (await RootAsync(store)).Acl);
    }
}
