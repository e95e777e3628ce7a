using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests;

/// <summary>cdmi_value_hash (CDMI 1.1.1 §16.4): values are hashed only when asked, the setting inherited at placement (§5.5).</summary>
public class ObjectStoreValueHashTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private static readonly StorageCaller Alice = new("alice", false);

    private static ObjectPath P(string text) => ObjectPath.TryParse(text, out var p, out var e) ? p : throw new ArgumentException(e);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static DataObjectWrite Value(string text) => new() { Value = PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(text))) };

    private async Task<string> ContainerAsync(ObjectStore store, string? valueHash)
    {
        var box = "/" + "hash" + Guid.NewGuid().ToString("N")[..8] + "/";
        var write = new ContainerWrite { ValueHash = valueHash is null ? null : new ValueHashSetting(valueHash) };
        Assert.Equal(StorageStatus.Created, (await store.PutContainerAsync(Alice, P(box), write, default)).Status);
        return box;
    }

    [Fact]
    public async Task PutDataObjectAsync_InAHashingContainer_InheritsTheSettingAndHashesTheValue()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, ValueHashSetting.Sha256);

        var created = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("abc"), default)).Value!;

        Assert.Equal(ValueHashSetting.Sha256, created.ValueHash);
        Assert.Equal(Sha256("abc"), created.Hash);
        Assert.Equal(Sha256("abc"), (await store.GetAsync(Alice, P(box + "f"), default)).Value!.Hash);
    }

    [Fact]
    public async Task PutDataObjectAsync_NothingAsked_HasNoHash()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, null);

        var created = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("abc"), default)).Value!;

        Assert.Null(created.ValueHash);
        Assert.Equal("", created.Hash);
    }

    [Fact]
    public async Task PutContainerAsync_InAHashingContainer_PassesTheSettingDown()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, ValueHashSetting.Sha256);

        var inner = (await store.PutContainerAsync(Alice, P(box + "inner/"), new ContainerWrite(), default)).Value!;
        var queue = (await store.PutQueueAsync(Alice, P(box + "q"), new ContainerWrite(), default)).Value!;
        var deep = (await store.PutDataObjectAsync(Alice, P(box + "inner/f"), Value("x"), default)).Value!;

        Assert.Equal(ValueHashSetting.Sha256, inner.ValueHash);
        Assert.Equal(ValueHashSetting.Sha256, queue.ValueHash);
        Assert.Equal(Sha256("x"), deep.Hash);
    }

    [Fact]
    public async Task PutDataObjectAsync_OwnEmptySettingUnderAHashingContainer_IsNotHashed()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, ValueHashSetting.Sha256);

        var created = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("abc") with { ValueHash = new ValueHashSetting("") }, default)).Value!;

        Assert.Equal("", created.ValueHash);
        Assert.Equal("", created.Hash);
    }

    [Fact]
    public async Task PutDataObjectAsync_RangeWriteOnAHashedObject_HashesTheWholeNewValue()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, ValueHashSetting.Sha256);
        await store.PutDataObjectAsync(Alice, P(box + "f"), Value("0123456789"), default);

        var patched = await store.PutDataObjectAsync(Alice, P(box + "f"), Value("ab") with { Offset = 4, Length = 2 }, default);

        Assert.Equal(Sha256("0123ab6789"), patched.Value!.Hash);
    }

    [Fact]
    public async Task PutDataObjectAsync_SettingTurnedOnForAStoredValue_HashesItThen()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, null);
        var before = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("stored"), default)).Value!;

        var after = (await store.PutDataObjectAsync(Alice, P(box + "f"), new DataObjectWrite { ValueHash = new ValueHashSetting(ValueHashSetting.Sha256) }, default)).Value!;

        Assert.Equal("", before.Hash);
        Assert.Equal(Sha256("stored"), after.Hash);
        Assert.Equal(before.ValueVersion, after.ValueVersion);
    }

    [Fact]
    public async Task PutDataObjectAsync_SettingTurnedOff_DropsTheHash()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, ValueHashSetting.Sha256);
        await store.PutDataObjectAsync(Alice, P(box + "f"), Value("abc"), default);

        var after = (await store.PutDataObjectAsync(Alice, P(box + "f"), new DataObjectWrite { ValueHash = new ValueHashSetting("") }, default)).Value!;
        var rewritten = (await store.PutDataObjectAsync(Alice, P(box + "f"), Value("def"), default)).Value!;

        Assert.Equal("", after.Hash);
        Assert.Equal("", rewritten.Hash);
    }

    // Records stored when every value was hashed have a Hash and no ValueHash in their JSON.
    [Fact]
    public async Task RecordStoredWithoutTheSetting_KeepsItsHashUntilTheValueChanges()
    {
        var store = fixture.Store();
        var box = await ContainerAsync(store, ValueHashSetting.Sha256);
        var created = (await store.PutDataObjectAsync(Alice, P(box + "old"), Value("kept"), default)).Value!;
        await fixture.RemoveRecordPropertyAsync(created.Id, nameof(StoredObject.ValueHash));

        var read = (await store.GetAsync(Alice, P(box + "old"), default)).Value!;
        var relabelled = (await store.PutDataObjectAsync(Alice, P(box + "old"), new DataObjectWrite
        {
            Metadata = new JsonItemsChange(new Dictionary<string, string> { ["color"] = "\"red\"" }, null),
        }, default)).Value!;
        var rewritten = (await store.PutDataObjectAsync(Alice, P(box + "old"), Value("new"), default)).Value!;

        Assert.Null(read.ValueHash);
        Assert.Equal(Sha256("kept"), read.Hash);
        Assert.Equal(Sha256("kept"), relabelled.Hash);
        Assert.Equal("", rewritten.Hash);
    }
}
