using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests.Access;

public class AccessPolicyTests
{
    private static readonly StorageCaller Alice = new("alice", false);
    private static readonly StorageCaller Bob = new("bob", false);

    private static StoredObject Owned(params AccessControlEntry[] acl) => new()
    {
        Id = ObjectId.New(28669).Text,
        Kind = ObjectKind.Container,
        Path = "/x/",
        ParentPath = "/",
        Owner = "alice",
        Acl = acl,
        Created = DateTimeOffset.UnixEpoch,
        Modified = DateTimeOffset.UnixEpoch,
        Accessed = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Allows_OwnerWithoutAcl_Everything()
    {
        Assert.True(AccessPolicy.Allows(Owned(), Alice, AceMask.AllPerms));
    }

    [Fact]
    public void Allows_OtherUserWithoutAcl_Nothing()
    {
        Assert.False(AccessPolicy.Allows(Owned(), Bob, AceMask.ReadObject));
    }

    [Fact]
    public void Allows_AdministratorWithoutAcl_Everything()
    {
        Assert.True(AccessPolicy.Allows(Owned(), new StorageCaller("root", true), AceMask.Delete));
    }

    [Fact]
    public void Allows_AllowForUser_GrantsOnlyItsMask()
    {
        var obj = Owned(new AccessControlEntry(true, "bob", 0, AceMask.ReadObject));

        Assert.True(AccessPolicy.Allows(obj, Bob, AceMask.ReadObject));
        Assert.False(AccessPolicy.Allows(obj, Bob, AceMask.WriteObject));
    }

    [Fact]
    public void Allows_DenyBeforeAllow_Wins()
    {
        var obj = Owned(
            new AccessControlEntry(false, "bob", 0, AceMask.ReadObject),
            new AccessControlEntry(true, AccessPolicy.Everyone, 0, AceMask.AllPerms));

        Assert.False(AccessPolicy.Allows(obj, Bob, AceMask.ReadObject));
        Assert.True(AccessPolicy.Allows(obj, new StorageCaller("carol", false), AceMask.ReadObject));
    }

    [Fact]
    public void Inherited_ObjectInherit_ReachesDataObjectsOnly()
    {
        var parent = Owned(new AccessControlEntry(true, "bob", AceFlags.ObjectInherit, AceMask.ReadObject));

        var forObject = AccessPolicy.Inherited(parent, ObjectKind.DataObject);
        var forContainer = AccessPolicy.Inherited(parent, ObjectKind.Container);

        var ace = Assert.Single(forObject);
        Assert.Equal(AceFlags.Inherited, ace.Flags);
        Assert.Empty(forContainer);
    }

    [Fact]
    public void Inherited_InheritOnlyAce_DoesNotApplyToTheContainerItself()
    {
        var parent = Owned(new AccessControlEntry(true, "bob", AceFlags.ContainerInherit | AceFlags.InheritOnly, AceMask.ReadObject));

        Assert.False(AccessPolicy.Allows(parent, Bob, AceMask.ReadObject));
        var child = parent with { Acl = AccessPolicy.Inherited(parent, ObjectKind.Container) };
        Assert.True(AccessPolicy.Allows(child, Bob, AceMask.ReadObject));
    }
}
