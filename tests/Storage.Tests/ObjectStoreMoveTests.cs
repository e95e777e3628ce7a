using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests;

/// <summary>A move and the changes its body asks are one (CDMI 1.1.1 §8.2.5, §9.2.5): all stored, or nothing.</summary>
public class ObjectStoreMoveTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private static readonly StorageCaller Alice = new("alice", false);
    private static readonly StorageCaller Bob = new("bob", false);

    private static ObjectPath P(string text) => ObjectPath.TryParse(text, out var p, out var e) ? p : throw new ArgumentException(e);

    private static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..8];

    private static DataObjectWrite Value(string text) => new() { Value = PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(text))) };

    private static JsonItemsChange Metadata(params (string Name, string Json)[] items) =>
        new(items.ToDictionary(i => i.Name, i => i.Json, StringComparer.Ordinal), null);

    private async Task<string> BoxAsync(ObjectStore store, IReadOnlyList<AccessControlEntry>? acl = null)
    {
        var box = Unique("/moves") + "/";
        Assert.Equal(StorageStatus.Created, (await store.PutContainerAsync(Alice, P(box), new ContainerWrite { Acl = acl }, default)).Status);
        return box;
    }

    [Fact]
    public async Task MoveAsync_MetadataTheCallerMayNotWrite_IsForbiddenAndMovesNothing()
    {
        var store = fixture.Store();
        var rights = AceMask.ReadObject | AceMask.ReadMetadata | AceMask.WriteObject | AceMask.Delete;
        var box = await BoxAsync(store, [new AccessControlEntry(true, "bob", AceFlags.ObjectInherit, rights)]);
        var made = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("v") with { Metadata = Metadata(("colour", "\"blue\"")) }, default)).Value!;

        var refused = await store.MoveAsync(Bob, made, P(box + "g"), new MoveWrite { Metadata = Metadata(("colour", "\"red\"")) }, default);
        var plain = await store.MoveAsync(Bob, made, P(box + "h"), default);

        Assert.Equal(StorageStatus.Forbidden, refused.Status);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(box + "g"), default)).Status);
        Assert.Equal(StorageStatus.Created, plain.Status);
        Assert.Equal("\"blue\"", (await store.GetAsync(Alice, P(box + "h"), default)).Value!.Metadata["colour"]);
    }

    [Fact]
    public async Task MoveAsync_ContainerWithTooMuchMetadata_IsInvalidAndLeavesTheTreeWhereItWas()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        var inner = (await store.PutContainerAsync(Alice, P(box + "a/"), new ContainerWrite(), default)).Value!;
        await store.PutDataObjectAsync(Alice, P(box + "a/f"), Value("kept"), default);
        var tooMany = Enumerable.Range(0, store.Options.MaxMetadataItems + 1).Select(i => ($"k{i}", "1")).ToArray();

        var moved = await store.MoveAsync(Alice, inner, P(box + "b/"), new MoveWrite { Metadata = Metadata(tooMany) }, default);

        Assert.Equal(StorageStatus.InvalidRequest, moved.Status);
        Assert.Equal(inner.Id, (await store.GetAsync(Alice, P(box + "a/"), default)).Value!.Id);
        Assert.Equal(StorageStatus.Ok, (await store.GetAsync(Alice, P(box + "a/f"), default)).Status);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(box + "b/"), default)).Status);
        Assert.Empty(await fixture.Catalog.DescendantsAsync(box + "b/", default));
    }

    [Fact]
    public async Task MoveAsync_ContainerWithMetadata_CarriesWhatItHoldsAndTakesTheMetadata()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        var inner = (await store.PutContainerAsync(Alice, P(box + "a/"), new ContainerWrite { Metadata = Metadata(("old", "1")) }, default)).Value!;
        var leaf = (await store.PutDataObjectAsync(Alice, P(box + "a/f"), Value("kept"), default)).Value!;

        var moved = await store.MoveAsync(Alice, inner, P(box + "b/"), new MoveWrite { Metadata = Metadata(("new", "2")) }, default);

        Assert.Equal(StorageStatus.Created, moved.Status);
        Assert.Equal(new Dictionary<string, string> { ["new"] = "2" }, (await store.GetAsync(Alice, P(box + "b/"), default)).Value!.Metadata);
        var child = (await store.GetAsync(Alice, P(box + "b/f"), default)).Value!;
        Assert.Equal(leaf.Id, child.Id);
        Assert.Equal(leaf.ValueVersion, child.ValueVersion);
        Assert.Empty(await fixture.Catalog.DescendantsAsync(box + "a/", default));
    }

    [Fact]
    public async Task MoveAsync_TurningOnTheValueHash_HashesTheValueItKeeps()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        var made = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("abc"), default)).Value!;

        var moved = (await store.MoveAsync(Alice, made, P(box + "g"), new MoveWrite { ValueHash = new ValueHashSetting(ValueHashSetting.Sha256) }, default)).Value!;

        Assert.Equal("", made.Hash);
        Assert.Equal(made.ValueVersion, moved.ValueVersion);
        Assert.Equal(ValueHashSetting.Sha256, moved.ValueHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("abc"u8)), moved.Hash);
        Assert.True(store.Values.Exists(moved.ValueVersion!));
    }

    [Fact]
    public async Task MoveAsync_UploadInProgressWithMetadata_StaysInProgress()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        var made = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("half") with { IsComplete = false }, default)).Value!;

        var moved = (await store.MoveAsync(Alice, made, P(box + "g"), new MoveWrite { MimeType = "text/csv" }, default)).Value!;

        Assert.Equal("text/csv", moved.MimeType);
        Assert.False(moved.IsComplete);
    }
}
