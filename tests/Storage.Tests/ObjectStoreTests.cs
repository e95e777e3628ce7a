using System.IO.Pipelines;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests;

public class ObjectStoreTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private static readonly StorageCaller Alice = new("alice", false);
    private static readonly StorageCaller Bob = new("bob", false);

    private static ObjectPath P(string text) => ObjectPath.TryParse(text, out var p, out var e) ? p : throw new ArgumentException(e);

    private static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..8];

    private static DataObjectWrite Value(string text) => new() { Value = PipeReader.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))) };

    private async Task<string> ReadAsync(ObjectStore store, StoredObject obj)
    {
        await using var stream = store.OpenValue(obj);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task PutDataObjectAsync_NewThenReplaced_ReadsTheNewValueAndDropsTheOld()
    {
        var store = fixture.Store();
        var box = Unique("/box") + "/";
        Assert.Equal(StorageStatus.Created, (await store.PutContainerAsync(Alice, P(box), new ContainerWrite(), default)).Status);

        var created = await store.PutDataObjectAsync(Alice, P(box + "f"), Value("one"), default);
        var replaced = await store.PutDataObjectAsync(Alice, P(box + "f"), Value("two!"), default);

        Assert.Equal(StorageStatus.Created, created.Status);
        Assert.Equal(StorageStatus.Ok, replaced.Status);
        Assert.Equal(created.Value!.Id, replaced.Value!.Id);
        Assert.Equal(4, replaced.Value.Size);
        Assert.Equal("two!", await ReadAsync(store, replaced.Value));
        Assert.False(store.Values.Exists(created.Value.ValueVersion!));
    }

    [Fact]
    public async Task PutDataObjectAsync_MissingParent_IsParentNotFound()
    {
        var result = await fixture.Store().PutDataObjectAsync(Alice, P(Unique("/nowhere") + "/f"), Value("x"), default);

        Assert.Equal(StorageStatus.ParentNotFound, result.Status);
    }

    [Fact]
    public async Task PutDataObjectAsync_CreateParents_MakesEveryMissingContainer()
    {
        var store = fixture.Store(createParents: true);
        var top = Unique("/deep");

        var result = await store.PutDataObjectAsync(Alice, P(top + "/a/b/f"), Value("x"), default);

        Assert.Equal(StorageStatus.Created, result.Status);
        var middle = await store.GetAsync(Alice, P(top + "/a/"), default);
        Assert.Equal(ObjectKind.Container, middle.Value!.Kind);
        Assert.Equal("alice", middle.Value.Owner);
    }

    [Fact]
    public async Task GetAsync_AnotherUsersObject_IsNotFound()
    {
        var store = fixture.Store();
        var box = Unique("/private") + "/";
        await store.PutContainerAsync(Alice, P(box), new ContainerWrite(), default);
        await store.PutDataObjectAsync(Alice, P(box + "secret"), Value("x"), default);

        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Bob, P(box + "secret"), default)).Status);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Bob, P(box), default)).Status);
        Assert.Equal(StorageStatus.ParentNotFound, (await store.PutDataObjectAsync(Bob, P(box + "mine"), Value("y"), default)).Status);
        var root = (await store.GetAsync(Bob, ObjectPath.Root, default)).Value!;
        Assert.DoesNotContain(await store.ChildrenAsync(Bob, root, default), c => c.Path == box);
    }

    [Fact]
    public async Task GetAsync_AclGrantsRead_OtherUserReadsButCannotWrite()
    {
        var store = fixture.Store();
        var box = Unique("/shared") + "/";
        var acl = new[] { new AccessControlEntry(true, "bob", AceFlags.ObjectInherit, AceMask.ReadObject) };
        await store.PutContainerAsync(Alice, P(box), new ContainerWrite { Acl = acl }, default);
        await store.PutDataObjectAsync(Alice, P(box + "doc"), Value("shared text"), default);

        var read = await store.GetAsync(Bob, P(box + "doc"), default);
        var write = await store.PutDataObjectAsync(Bob, P(box + "doc"), Value("mine now"), default);

        Assert.Equal("shared text", await ReadAsync(store, read.Value!));
        Assert.Equal(StorageStatus.Forbidden, write.Status);
    }

    [Fact]
    public async Task DeleteAsync_Container_TakesEverythingInIt()
    {
        var store = fixture.Store(createParents: true);
        var top = Unique("/tree");
        var leaf = await store.PutDataObjectAsync(Alice, P(top + "/a/f"), Value("x"), default);
        var container = (await store.GetAsync(Alice, P(top + "/"), default)).Value!;

        var deleted = await store.DeleteAsync(Alice, container, default);

        Assert.True(deleted.Succeeded);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(top + "/a/f"), default)).Status);
        Assert.False(store.Values.Exists(leaf.Value!.ValueVersion!));
    }

    [Fact]
    public async Task MoveAsync_Container_CarriesItsChildrenAndKeepsIds()
    {
        var store = fixture.Store(createParents: true);
        var from = Unique("/from");
        var to = Unique("/to");
        var leaf = await store.PutDataObjectAsync(Alice, P(from + "/f"), Value("moved"), default);
        var source = (await store.GetAsync(Alice, P(from + "/"), default)).Value!;

        var moved = await store.MoveAsync(Alice, source, P(to + "/"), default);

        Assert.Equal(StorageStatus.Created, moved.Status);
        Assert.Equal(source.Id, moved.Value!.Id);
        var child = await store.GetAsync(Alice, P(to + "/f"), default);
        Assert.Equal(leaf.Value!.Id, child.Value!.Id);
        Assert.Equal(to + "/", child.Value.ParentPath);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(from + "/f"), default)).Status);
    }

    [Fact]
    public async Task PutDataObjectAsync_ValueBreaksOff_KeepsThePreviousVersion()
    {
        var store = fixture.Store();
        var box = Unique("/atomic") + "/";
        await store.PutContainerAsync(Alice, P(box), new ContainerWrite(), default);
        await store.PutDataObjectAsync(Alice, P(box + "f"), Value("version one"), default);

        await Assert.ThrowsAsync<IOException>(() => store.PutDataObjectAsync(Alice, P(box + "f"),
            new DataObjectWrite { Value = PipeReader.Create(new Values.PatternStream(500_000, failAfter: 100_000)) }, default));

        var after = await store.GetAsync(Alice, P(box + "f"), default);
        Assert.Equal("version one", await ReadAsync(store, after.Value!));
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.ValueDirectory, "tmp")));
    }

    [Fact]
    public async Task PutDataObjectAsync_SameNewNameAtOnce_EveryWriteSucceedsAndOneValueWins()
    {
        var store = fixture.Store();
        var box = Unique("/race") + "/";
        await store.PutContainerAsync(Alice, P(box), new ContainerWrite(), default);
        var texts = Enumerable.Range(0, 8).Select(i => "writer " + i).ToArray();

        var results = await Task.WhenAll(texts.Select(t => store.PutDataObjectAsync(Alice, P(box + "f"), Value(t), default)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results, r => r.Status == StorageStatus.Created);
        var final = await store.GetAsync(Alice, P(box + "f"), default);
        Assert.Contains(await ReadAsync(store, final.Value!), texts);
        Assert.Single(Directory.GetFiles(Path.Combine(fixture.ValueDirectory, "values"), "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f) == final.Value!.ValueVersion);
    }

    [Fact]
    public async Task PutContainerAsync_OverADataObjectName_IsConflict()
    {
        var store = fixture.Store(createParents: true);
        var top = Unique("/clash");
        await store.PutDataObjectAsync(Alice, P(top + "/x"), Value("x"), default);

        var result = await store.PutContainerAsync(Alice, P(top + "/x/"), new ContainerWrite(), default);

        Assert.Equal(StorageStatus.Conflict, result.Status);
    }

    [Fact]
    public async Task PutContainerAsync_TooManyMetadataItems_IsRefused()
    {
        var items = Enumerable.Range(0, 1025).ToDictionary(i => "k" + i, _ => "\"v\"");

        var result = await fixture.Store().PutContainerAsync(Alice, P(Unique("/meta") + "/"),
            new ContainerWrite { Metadata = new JsonItemsChange(items, null) }, default);

        Assert.Equal(StorageStatus.InvalidRequest, result.Status);
    }

    [Fact]
    public async Task PutReferenceAsync_ContainerName_MakesAContainerShapedReferenceListedInItsParent()
    {
        var store = fixture.Store(createParents: true);
        var top = Unique("/refs") + "/";
        await store.PutContainerAsync(Alice, P(top + "target/"), new ContainerWrite(), default);

        var made = await store.PutReferenceAsync(Alice, P(top + "link/"), top + "target/", default);

        Assert.Equal(StorageStatus.Created, made.Status);
        Assert.Equal(ObjectKind.Reference, made.Value!.Kind);
        Assert.Equal(top + "link/", made.Value.Path);
        Assert.Equal(top + "target/", made.Value.ReferenceTarget);
        var parent = (await store.GetAsync(Alice, P(top), default)).Value!;
        Assert.Contains(await store.ChildrenAsync(Alice, parent, default), c => c.Path == top + "link/" && c.Kind == ObjectKind.Reference);
    }

    [Fact]
    public async Task PutReferenceAsync_ContainerNameBesideADataObject_IsConflict()
    {
        var store = fixture.Store(createParents: true);
        var top = Unique("/refs") + "/";
        await store.PutDataObjectAsync(Alice, P(top + "x"), Value("x"), default);

        var made = await store.PutReferenceAsync(Alice, P(top + "x/"), "/elsewhere/", default);

        Assert.Equal(StorageStatus.Conflict, made.Status);
    }

    [Fact]
    public async Task PutDataObjectAsync_BelowAContainerReference_IsNotAContainer()
    {
        var store = fixture.Store();
        var top = Unique("/refs") + "/";
        await store.PutContainerAsync(Alice, P(top), new ContainerWrite(), default);
        await store.PutReferenceAsync(Alice, P(top + "link/"), "/elsewhere/", default);

        var inside = await store.PutDataObjectAsync(Alice, P(top + "link/f"), Value("x"), default);

        Assert.Equal(StorageStatus.NotAContainer, inside.Status);
    }

    [Fact]
    public async Task DeleteAsync_ContainerReference_LeavesItsTargetAndWhatItHolds()
    {
        var store = fixture.Store(createParents: true);
        var top = Unique("/refs") + "/";
        await store.PutDataObjectAsync(Alice, P(top + "target/f"), Value("kept"), default);
        var link = (await store.PutReferenceAsync(Alice, P(top + "link/"), top + "target/", default)).Value!;

        var deleted = await store.DeleteAsync(Alice, link, default);

        Assert.True(deleted.Succeeded);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(top + "link/"), default)).Status);
        Assert.Equal("kept", await ReadAsync(store, (await store.GetAsync(Alice, P(top + "target/f"), default)).Value!));
    }

    [Fact]
    public async Task MoveAsync_ContainerReference_GoesOnlyToAContainerName()
    {
        var store = fixture.Store(createParents: true);
        var top = Unique("/refs") + "/";
        await store.PutContainerAsync(Alice, P(top), new ContainerWrite(), default);
        var link = (await store.PutReferenceAsync(Alice, P(top + "link/"), "/elsewhere/", default)).Value!;

        var flat = await store.MoveAsync(Alice, link, P(top + "flat"), default);
        var moved = await store.MoveAsync(Alice, link, P(top + "moved/"), default);

        Assert.Equal(StorageStatus.InvalidRequest, flat.Status);
        Assert.Equal(StorageStatus.Created, moved.Status);
        Assert.Equal("/elsewhere/", (await store.GetAsync(Alice, P(top + "moved/"), default)).Value!.ReferenceTarget);
    }
}
