using System.IO.Pipelines;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Ports;

namespace StandardsCloud.Storage.Tests.Marten;

/// <summary>
/// The PostgreSQL catalog moves and deletes a tree in one transaction: another writer's change to a record
/// of it, or a record added below it, never leaves part of the tree moved or a record under a path that is gone.
/// </summary>
public class MartenObjectCatalogTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private static readonly StorageCaller Alice = new("alice", false);

    private static ObjectPath P(string text) => ObjectPath.TryParse(text, out var p, out var e) ? p : throw new ArgumentException(e);

    private static DataObjectWrite Value(string text) => new() { Value = PipeReader.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))) };

    private IObjectCatalog Catalog => fixture.Catalog;

    /// <summary>A box holding a/ with a/x, a/y/ and a/y/z; returns the box's path and record.</summary>
    private async Task<(string Box, StoredObject BoxRecord, StoredObject A)> TreeAsync(ObjectStore store)
    {
        var box = "/" + "tree" + Guid.NewGuid().ToString("N")[..8] + "/";
        var boxRecord = (await store.PutContainerAsync(Alice, P(box), new ContainerWrite(), default)).Value!;
        var a = (await store.PutContainerAsync(Alice, P(box + "a/"), new ContainerWrite(), default)).Value!;
        await store.PutDataObjectAsync(Alice, P(box + "a/x"), Value("x"), default);
        await store.PutContainerAsync(Alice, P(box + "a/y/"), new ContainerWrite(), default);
        await store.PutDataObjectAsync(Alice, P(box + "a/y/z"), Value("z"), default);
        return (box, boxRecord, a);
    }

    /// <summary>The tree's paths rewritten from <paramref name="from"/> to <paramref name="to"/>, as a move stores them.</summary>
    private static ObjectTree Rebased(ObjectTree tree, string from, string to) => new(
        tree.Root with { Path = to },
        [.. tree.Below.Select(o => o with { Path = to + o.Path[from.Length..], ParentPath = to + o.ParentPath[from.Length..] })]);

    /// <summary>Runs another writer's call to completion while the move waits, as if it came in between.</summary>
    private static T Meanwhile<T>(Func<Task<T>> call) => Task.Run(call).GetAwaiter().GetResult();

    /// <summary>A record for a data object <paramref name="name"/> in <paramref name="parent"/>, as a create read it.</summary>
    private static StoredObject Late(StoredObject parent, string name)
    {
        var now = DateTimeOffset.UtcNow;
        return new StoredObject
        {
            Id = ObjectId.New(28669).Text,
            Kind = ObjectKind.DataObject,
            Path = parent.Path + name,
            ParentPath = parent.Path,
            ParentId = parent.Id,
            Owner = Alice.UserId,
            Created = now,
            Modified = now,
            Accessed = now,
        };
    }

    private async Task<StoredObject> RecordAsync(string path) => (await Catalog.FindByPathAsync(path, default))!;

    [Fact]
    public async Task MoveTreeAsync_DescendantChangedAfterItWasRead_ReadsAgainAndKeepsTheChange()
    {
        var (box, boxRecord, a) = await TreeAsync(fixture.Store());
        var z = await RecordAsync(box + "a/y/z");
        var tries = 0;

        var moved = await Catalog.MoveTreeAsync(a.Id, boxRecord.Id, (tree, _) =>
        {
            if (tries++ == 0)
            {
                Meanwhile(() => Catalog.UpdateAsync(z.Id, o => o with { Metadata = new() { ["touched"] = "true" } }, default));
            }

            return Rebased(tree, box + "a/", box + "b/");
        }, default);

        Assert.Equal(CatalogMoveStatus.Moved, moved.Status);
        Assert.Equal(2, tries);
        Assert.Equal("true", (await RecordAsync(box + "b/y/z")).Metadata["touched"]);
        Assert.Equal(3, (await Catalog.DescendantsAsync(box + "b/", default)).Count);
        Assert.Null(await Catalog.FindByPathAsync(box + "a/", default));
        Assert.Empty(await Catalog.DescendantsAsync(box + "a/", default));
    }

    [Fact]
    public async Task MoveTreeAsync_DescendantChangedOnEveryTry_IsContendedAndMovesNothing()
    {
        var (box, boxRecord, a) = await TreeAsync(fixture.Store());
        var z = await RecordAsync(box + "a/y/z");
        var tries = 0;

        var moved = await Catalog.MoveTreeAsync(a.Id, boxRecord.Id, (tree, _) =>
        {
            var turn = ++tries;
            Meanwhile(() => Catalog.UpdateAsync(z.Id, o => o with { Metadata = new() { ["turn"] = turn.ToString() } }, default));
            return Rebased(tree, box + "a/", box + "b/");
        }, default);

        Assert.Equal(CatalogMoveStatus.Contended, moved.Status);
        Assert.True(tries > 1);
        Assert.Equal(a.Id, (await RecordAsync(box + "a/")).Id);
        Assert.Equal(["a/x", "a/y/", "a/y/z"], (await Catalog.DescendantsAsync(box + "a/", default)).Select(o => o.Path[box.Length..]));
        Assert.Equal(tries.ToString(), (await RecordAsync(box + "a/y/z")).Metadata["turn"]);
        Assert.Null(await Catalog.FindByPathAsync(box + "b/", default));
        Assert.Empty(await Catalog.DescendantsAsync(box + "b/", default));
    }

    [Fact]
    public async Task MoveTreeAsync_RecordAddedBelowAfterTheTreeWasRead_MovesItToo()
    {
        var store = fixture.Store();
        var (box, boxRecord, a) = await TreeAsync(store);
        var tries = 0;

        var moved = await Catalog.MoveTreeAsync(a.Id, boxRecord.Id, (tree, _) =>
        {
            if (tries++ == 0)
            {
                Assert.Equal(StorageStatus.Created, Meanwhile(() => store.PutDataObjectAsync(Alice, P(box + "a/y/late"), Value("late"), default)).Status);
            }

            return Rebased(tree, box + "a/", box + "b/");
        }, default);

        Assert.Equal(CatalogMoveStatus.Moved, moved.Status);
        Assert.Equal(2, tries);
        Assert.Equal(box + "b/y/", (await RecordAsync(box + "b/y/late")).ParentPath);
        Assert.Empty(await Catalog.DescendantsAsync(box + "a/", default));
    }

    [Fact]
    public async Task MoveTreeAsync_InsertRacingTheMove_LandsUnderTheNewPathOrNowhere()
    {
        var store = fixture.Store();
        var (box, boxRecord, a) = await TreeAsync(store);
        Task<StorageResult<StoredObject>>? racing = null;

        var moved = await Catalog.MoveTreeAsync(a.Id, boxRecord.Id, (tree, _) =>
        {
            racing ??= Task.Run(() => store.PutDataObjectAsync(Alice, P(box + "a/racing"), Value("r"), default));
            return Rebased(tree, box + "a/", box + "b/");
        }, default);
        var raced = await racing!;

        Assert.Equal(CatalogMoveStatus.Moved, moved.Status);
        Assert.Empty(await Catalog.DescendantsAsync(box + "a/", default));
        Assert.Equal(raced.Succeeded, await Catalog.FindByPathAsync(box + "b/racing", default) is not null);
    }

    [Fact]
    public async Task MoveTreeAsync_PathTakenByAnotherRecord_MovesNothing()
    {
        var store = fixture.Store();
        var (box, boxRecord, a) = await TreeAsync(store);
        await store.PutDataObjectAsync(Alice, P(box + "taken"), Value("t"), default);

        var moved = await Catalog.MoveTreeAsync(a.Id, boxRecord.Id, (tree, _) =>
        {
            var rebased = Rebased(tree, box + "a/", box + "b/");
            return rebased with { Below = [.. rebased.Below.Select(o => o.Path == box + "b/y/z" ? o with { Path = box + "taken" } : o)] };
        }, default);

        Assert.Equal(CatalogMoveStatus.PathTaken, moved.Status);
        Assert.Equal(a.Id, (await RecordAsync(box + "a/")).Id);
        Assert.Equal(3, (await Catalog.DescendantsAsync(box + "a/", default)).Count);
        Assert.Null(await Catalog.FindByPathAsync(box + "b/", default));
    }

    [Fact]
    public async Task InsertAsync_UnderAContainerThatMovedAway_AddsNothing()
    {
        var store = fixture.Store();
        var (box, _, a) = await TreeAsync(store);
        Assert.Equal(StorageStatus.Created, (await store.MoveAsync(Alice, a, P(box + "b/"), default)).Status);
        var late = Late(a, "late");

        Assert.False(await Catalog.InsertAsync(late, default));
        Assert.Null(await Catalog.FindByPathAsync(box + "a/late", default));
        Assert.True(await Catalog.InsertAsync(late with { Path = box + "b/late", ParentPath = box + "b/" }, default));
    }

    [Fact]
    public async Task DeleteTreeAsync_RecordAddedBelowAfterTheTreeWasRead_DeletesNothing()
    {
        var store = fixture.Store();
        var (box, _, a) = await TreeAsync(store);
        var y = await RecordAsync(box + "a/y/");
        string[] read = [a.Id, .. (await Catalog.DescendantsAsync(a.Path, default)).Select(o => o.Id)];
        Assert.True(await Catalog.InsertAsync(Late(y, "late"), default));

        Assert.False(await Catalog.DeleteTreeAsync(a, read, default));
        Assert.Equal(4, (await Catalog.DescendantsAsync(a.Path, default)).Count);
        Assert.NotNull(await Catalog.FindByIdAsync(a.Id, default));

        // The store reads the tree again and takes the late record with it.
        Assert.True((await store.DeleteAsync(Alice, a, default)).Succeeded);
        Assert.Empty(await Catalog.DescendantsAsync(a.Path, default));
        Assert.Null(await Catalog.FindByIdAsync(a.Id, default));
    }

    [Fact]
    public async Task InsertAsync_UnderADeletedContainer_AddsNothing()
    {
        var store = fixture.Store();
        var (box, _, a) = await TreeAsync(store);
        var y = await RecordAsync(box + "a/y/");
        Assert.True((await store.DeleteAsync(Alice, a, default)).Succeeded);

        Assert.False(await Catalog.InsertAsync(Late(y, "late"), default));
        Assert.Null(await Catalog.FindByPathAsync(box + "a/y/late", default));
    }
}
