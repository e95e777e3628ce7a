using System.IO.Pipelines;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests;

/// <summary>Fields CDMI does not define, kept uninterpreted in the object's record on PostgreSQL (CDMI 1.1.1 §8.1).</summary>
public class ObjectStoreFieldTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private static readonly StorageCaller Alice = new("alice", false);
    private static readonly StorageCaller Bob = new("bob", false);

    private static ObjectPath P(string text) => ObjectPath.TryParse(text, out var p, out var e) ? p : throw new ArgumentException(e);

    private static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..8];

    private static JsonItemsChange Set(params (string Name, string? Json)[] items) =>
        new(null, items.ToDictionary(i => i.Name, i => i.Json, StringComparer.Ordinal));

    private static DataObjectWrite Value(string text) => new() { Value = PipeReader.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))) };

    private async Task<string> BoxAsync(ObjectStore store, IReadOnlyList<AccessControlEntry>? acl = null)
    {
        var box = Unique("/fields") + "/";
        Assert.Equal(StorageStatus.Created, (await store.PutContainerAsync(Alice, P(box), new ContainerWrite { Acl = acl }, default)).Status);
        return box;
    }

    [Fact]
    public async Task PutDataObjectAsync_Fields_AreReadBackFromTheCatalogAsGiven()
    {
        var box = await BoxAsync(fixture.Store());

        await fixture.Store().PutDataObjectAsync(Alice, P(box + "f"), Value("v") with { Fields = Set(("x-a", """{"k" : [1, "\u00e9"]}"""), ("x-b", "42")) }, default);
        var read = (await fixture.Store().GetAsync(Alice, P(box + "f"), default)).Value!;

        Assert.Equal("""{"k" : [1, "\u00e9"]}""", read.UninterpretedFields["x-a"]);
        Assert.Equal("42", read.UninterpretedFields["x-b"]);
        Assert.Equal(2, read.UninterpretedFields.Count);
    }

    [Fact]
    public async Task PutDataObjectAsync_UpdateNamingFields_ReplacesOrRemovesThose_KeepsOthers()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        await store.PutDataObjectAsync(Alice, P(box + "f"), Value("v") with { Fields = Set(("x-a", "1"), ("x-b", "2"), ("x-c", "3")) }, default);

        var updated = await store.PutDataObjectAsync(Alice, P(box + "f"), new DataObjectWrite { Fields = Set(("x-a", "\"one\""), ("x-c", null)) }, default);
        var rewritten = await store.PutDataObjectAsync(Alice, P(box + "f"), Value("w"), default);

        Assert.Equal(StorageStatus.Ok, updated.Status);
        Assert.Equal(new Dictionary<string, string> { ["x-a"] = "\"one\"", ["x-b"] = "2" }, rewritten.Value!.UninterpretedFields);
    }

    [Fact]
    public async Task PutDataObjectAsync_FieldsOverTheByteLimit_AreInvalid_AndNothingChanges()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        var big = "\"" + new string('a', store.Options.MaxUninterpretedFieldBytes) + "\"";
        await store.PutDataObjectAsync(Alice, P(box + "kept"), Value("v") with { Fields = Set(("x-a", "1")) }, default);

        var created = await store.PutDataObjectAsync(Alice, P(box + "f"), Value("v") with { Fields = Set(("x-big", big)) }, default);
        var updated = await store.PutDataObjectAsync(Alice, P(box + "kept"), new DataObjectWrite { Fields = Set(("x-big", big)) }, default);

        Assert.Equal(StorageStatus.InvalidRequest, created.Status);
        Assert.Contains("at most", created.Message, StringComparison.Ordinal);
        Assert.Equal(StorageStatus.InvalidRequest, updated.Status);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(box + "f"), default)).Status);
        Assert.Equal(["x-a"], (await store.GetAsync(Alice, P(box + "kept"), default)).Value!.UninterpretedFields.Keys);
    }

    [Fact]
    public async Task PutContainerAsync_FieldsOverTheItemLimit_AreInvalid()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        var many = Enumerable.Range(0, store.Options.MaxUninterpretedFields + 1).Select(i => ($"x{i}", (string?)"0")).ToArray();

        var result = await store.PutContainerAsync(Alice, P(box + "c/"), new ContainerWrite { Fields = Set(many) }, default);

        Assert.Equal(StorageStatus.InvalidRequest, result.Status);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(box + "c/"), default)).Status);
    }

    // CDMI 1.1.1 §16.1.5, Table 117 note 1: fields other than value, children and metadata are attribute fields.
    [Fact]
    public async Task PutDataObjectAsync_FieldsOfAnotherUsersObject_TakeWriteAttributes()
    {
        var store = fixture.Store();
        const uint readWrite = AceMask.ReadObject | AceMask.WriteObject | AceMask.WriteMetadata;
        var box = await BoxAsync(store, [new AccessControlEntry(true, "bob", AceFlags.ObjectInherit, readWrite)]);
        var open = await BoxAsync(store, [new AccessControlEntry(true, "bob", AceFlags.ObjectInherit, AceMask.ReadObject | AceMask.WriteAttributes)]);
        await store.PutDataObjectAsync(Alice, P(box + "f"), Value("v"), default);
        await store.PutDataObjectAsync(Alice, P(open + "f"), Value("v"), default);

        var refused = await store.PutDataObjectAsync(Bob, P(box + "f"), new DataObjectWrite { Fields = Set(("x-a", "1")) }, default);
        var allowed = await store.PutDataObjectAsync(Bob, P(open + "f"), new DataObjectWrite { Fields = Set(("x-a", "1")) }, default);

        Assert.Equal(StorageStatus.Forbidden, refused.Status);
        Assert.Empty((await store.GetAsync(Alice, P(box + "f"), default)).Value!.UninterpretedFields);
        Assert.Equal(StorageStatus.Ok, allowed.Status);
        Assert.Equal("1", allowed.Value!.UninterpretedFields["x-a"]);
    }

    [Fact]
    public async Task CopyContainerAsync_CarriesFields_ThoseGivenReplaceTheirs()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        await store.PutContainerAsync(Alice, P(box + "src/"), new ContainerWrite { Fields = Set(("x-a", "1"), ("x-b", "2")) }, default);
        await store.PutDataObjectAsync(Alice, P(box + "src/f"), Value("v") with { Fields = Set(("x-inner", "true")) }, default);
        var source = (await store.GetAsync(Alice, P(box + "src/"), default)).Value!;

        var copy = await store.CopyContainerAsync(Alice, source, P(box + "dst/"), new ContainerWrite { Fields = Set(("x-b", "\"mine\"")) }, default);

        Assert.Equal(new Dictionary<string, string> { ["x-a"] = "1", ["x-b"] = "\"mine\"" }, copy.Value!.UninterpretedFields);
        Assert.Equal("true", (await store.GetAsync(Alice, P(box + "dst/f"), default)).Value!.UninterpretedFields["x-inner"]);
    }

    [Fact]
    public async Task MoveAsync_KeepsTheFields()
    {
        var store = fixture.Store();
        var box = await BoxAsync(store);
        var made = await store.PutDataObjectAsync(Alice, P(box + "f"), Value("v") with { Fields = Set(("x-a", "1")) }, default);

        var moved = await store.MoveAsync(Alice, made.Value!, P(box + "g"), default);

        Assert.Equal("1", moved.Value!.UninterpretedFields["x-a"]);
        Assert.Equal("1", (await store.GetAsync(Alice, P(box + "g"), default)).Value!.UninterpretedFields["x-a"]);
    }
}
