using StandardsCloud.Cdmi.Mapping;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Tests.Mapping;

/// <summary>cdmi_hash (CDMI 1.1.1 §16.3) and cdmi_value_hash (§16.4) as objects show them.</summary>
public class ObjectViewsTests
{
    private static StoredObject Object(ObjectKind kind, string? valueHash, string hash) => new()
    {
        Id = "x", Kind = kind, Path = "/x", ParentPath = "/", Owner = "alice",
        Created = DateTimeOffset.UnixEpoch, Modified = DateTimeOffset.UnixEpoch, Accessed = DateTimeOffset.UnixEpoch,
        ValueHash = valueHash, Hash = hash,
    };

    private static Dictionary<string, string> MetadataOf(StoredObject obj) => ObjectViews.Of(obj).Metadata.ToDictionary(m => m.Key, m => m.Value);

    [Fact]
    public void Of_HashedDataObject_ShowsTheHashAndTheSetting()
    {
        var metadata = MetadataOf(Object(ObjectKind.DataObject, "SHA256", "ab12"));

        Assert.Equal("\"ab12\"", metadata["cdmi_hash"]);
        Assert.Equal("\"SHA256\"", metadata["cdmi_value_hash"]);
    }

    [Fact]
    public void Of_DataObjectAskingForNoHash_ShowsTheEmptySettingAndNoHash()
    {
        var metadata = MetadataOf(Object(ObjectKind.DataObject, "", ""));

        Assert.Equal("\"\"", metadata["cdmi_value_hash"]);
        Assert.False(metadata.ContainsKey("cdmi_hash"));
    }

    // A record stored when every value was hashed: a hash, no setting.
    [Fact]
    public void Of_RecordWithAHashAndNoSetting_ShowsTheHashOnly()
    {
        var metadata = MetadataOf(Object(ObjectKind.DataObject, null, "ab12"));

        Assert.Equal("\"ab12\"", metadata["cdmi_hash"]);
        Assert.False(metadata.ContainsKey("cdmi_value_hash"));
    }

    [Theory]
    [InlineData(ObjectKind.Container)]
    [InlineData(ObjectKind.Queue)]
    public void Of_HolderAskingForHashes_ShowsTheSettingAndNoHash(ObjectKind kind)
    {
        var metadata = MetadataOf(Object(kind, "SHA256", ""));

        Assert.Equal("\"SHA256\"", metadata["cdmi_value_hash"]);
        Assert.False(metadata.ContainsKey("cdmi_hash"));
    }
}
