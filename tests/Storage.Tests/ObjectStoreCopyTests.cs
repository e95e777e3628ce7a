using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests;

/// <summary>A container's copy carries of each object below only what the caller may read of it (CDMI 1.1.1 §9.2.5, §16.1.5), on PostgreSQL.</summary>
public class ObjectStoreCopyTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private static readonly StorageCaller Alice = new("alice", false);
    private static readonly StorageCaller Bob = new("bob", false);

    private static ObjectPath P(string text) => ObjectPath.TryParse(text, out var p, out var e) ? p : throw new ArgumentException(e);

    private static string Unique(string name) => "/" + name + Guid.NewGuid().ToString("N")[..8] + "/";

    private static AccessControlEntry BobMay(uint mask, uint flags = 0) => new(true, "bob", flags, mask);

    private static AccessControlEntry BobMayBelow(uint mask) =>
        BobMay(mask, AceFlags.ObjectInherit | AceFlags.ContainerInherit | AceFlags.InheritOnly);

    /// <summary>alice's tree, readable whole by bob at its top, and below it under <paramref name="belowMask"/>: a data object and a container, each with everything.</summary>
    private static async Task<StoredObject> TreeAsync(ObjectStore store, string tree, uint belowMask)
    {
        var top = new ContainerWrite
        {
            Acl = [BobMay(AceMask.ReadObject | AceMask.ReadMetadata | AceMask.ReadAttributes), BobMayBelow(belowMask), new(true, "carol", AceFlags.ObjectInherit, AceMask.ReadObject)],
        };
        Assert.Equal(StorageStatus.Created, (await store.PutContainerAsync(Alice, P(tree), top, default)).Status);
        var doc = await store.PutDataObjectAsync(Alice, P(tree + "doc"), new DataObjectWrite
        {
            Value = PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes("words"))),
            MimeType = "text/csv",
            Metadata = Items(("colour", "\"blue\"")),
            Fields = Items(("x-stamp", "\"alice\"")),
            ValueHash = new ValueHashSetting(ValueHashSetting.Sha256),
        }, default);
        Assert.Equal(StorageStatus.Created, doc.Status);
        Assert.Equal(StorageStatus.Created, (await store.PutContainerAsync(Alice, P(tree + "sub/"), new ContainerWrite
        {
            Metadata = Items(("shade", "\"dark\"")),
            Fields = Items(("x-box", "1")),
            Exports = new Dictionary<string, string> { ["cifs"] = "{}" },
        }, default)).Status);
        return (await store.GetAsync(Alice, P(tree), default)).Value!;
    }

    private static JsonItemsChange Items(params (string Name, string Json)[] items) =>
        new(null, items.ToDictionary(i => i.Name, i => (string?)i.Json, StringComparer.Ordinal));

    private async Task<(StoredObject Doc, StoredObject Sub)> CopiesAsync(ObjectStore store, StorageCaller caller, StoredObject tree, string destination, ContainerWrite? write = null)
    {
        Assert.Equal(StorageStatus.Created, (await store.CopyContainerAsync(caller, tree, P(destination), write ?? new ContainerWrite(), default)).Status);
        var doc = await fixture.Catalog.FindByPathAsync(destination + "doc", default);
        var sub = await fixture.Catalog.FindByPathAsync(destination + "sub/", default);
        return (doc!, sub!);
    }

    [Fact]
    public async Task CopyContainerAsync_ReadObjectOnlyBelow_CopiesCarryNoMetadataFieldsOrTheirAcl()
    {
        var store = fixture.Store();
        var tree = await TreeAsync(store, Unique("tree"), AceMask.ReadObject);

        var (doc, sub) = await CopiesAsync(store, Bob, tree, Unique("loot"));

        Assert.Equal(("bob", 5L), (doc.Owner, doc.Size));
        Assert.Empty(doc.Metadata);
        Assert.Empty(doc.UninterpretedFields);
        Assert.Equal(ObjectStore.DefaultMimeType, doc.MimeType);
        Assert.Empty(doc.Acl);
        Assert.Null(doc.ValueHash);
        Assert.Equal("", doc.Hash);
        Assert.Empty(sub.Metadata);
        Assert.Empty(sub.UninterpretedFields);
        Assert.Empty(sub.Exports);
        Assert.Empty(sub.Acl);
    }

    [Fact]
    public async Task CopyContainerAsync_ReadMetadataBelowWithoutAttributesOrAcl_CarriesTheMetadataAlone()
    {
        var store = fixture.Store();
        var tree = await TreeAsync(store, Unique("tree"), AceMask.ReadObject | AceMask.ReadMetadata);

        var (doc, sub) = await CopiesAsync(store, Bob, tree, Unique("loot"));

        Assert.Equal("\"blue\"", doc.Metadata["colour"]);
        Assert.Equal(ValueHashSetting.Sha256, doc.ValueHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("words"u8)), doc.Hash);
        Assert.Equal(ObjectStore.DefaultMimeType, doc.MimeType);
        Assert.Empty(doc.UninterpretedFields);
        Assert.Empty(doc.Acl);
        Assert.Equal("\"dark\"", sub.Metadata["shade"]);
        Assert.Empty(sub.Exports);
    }

    [Fact]
    public async Task CopyContainerAsync_ReadAclBelow_KeepsTheirAcl()
    {
        var store = fixture.Store();
        var tree = await TreeAsync(store, Unique("tree"), AceMask.ReadObject | AceMask.ReadAcl);

        var (doc, _) = await CopiesAsync(store, Bob, tree, Unique("loot"));

        Assert.Contains(doc.Acl, ace => ace.Identifier == "carol");
        Assert.Empty(doc.Metadata);
    }

    // Without READ_METADATA a copy's cdmi_value_hash is its new parent's (§5.5), and its value is hashed as that asks.
    [Fact]
    public async Task CopyContainerAsync_WithoutReadMetadata_HashesAsTheNewParentAsks()
    {
        var store = fixture.Store();
        var path = Unique("tree");
        var tree = await TreeAsync(store, path, AceMask.ReadObject);
        await store.PutDataObjectAsync(Alice, P(path + "plain"), new DataObjectWrite
        {
            Value = PipeReader.Create(new MemoryStream("plain"u8.ToArray())),
            ValueHash = new ValueHashSetting(""),
        }, default);
        var destination = Unique("loot");

        await CopiesAsync(store, Bob, tree, destination, new ContainerWrite { ValueHash = new ValueHashSetting(ValueHashSetting.Sha256) });
        var plain = (await fixture.Catalog.FindByPathAsync(destination + "plain", default))!;

        Assert.Equal(ValueHashSetting.Sha256, plain.ValueHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("plain"u8)), plain.Hash);
    }

    [Fact]
    public async Task CopyContainerAsync_Owner_CarriesEverything()
    {
        var store = fixture.Store();
        var tree = await TreeAsync(store, Unique("tree"), AceMask.ReadObject);

        var (doc, sub) = await CopiesAsync(store, Alice, tree, Unique("own"));

        Assert.Equal("\"blue\"", doc.Metadata["colour"]);
        Assert.Equal("\"alice\"", doc.UninterpretedFields["x-stamp"]);
        Assert.Equal("text/csv", doc.MimeType);
        Assert.Contains(doc.Acl, ace => ace.Identifier == "carol");
        Assert.Equal(ValueHashSetting.Sha256, doc.ValueHash);
        Assert.NotEqual("", doc.Hash);
        Assert.Equal("1", sub.UninterpretedFields["x-box"]);
        Assert.Equal("{}", sub.Exports["cifs"]);
    }
}
