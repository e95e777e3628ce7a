using StandardsCloud.Cdmi.Mapping;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Cdmi.Tests.Wire;

/// <summary>Capability objects claim OCCI/iSCSI exports only where a compute core carries them out (CDMI 1.1.1 §12.1).</summary>
public class CapabilitiesTests
{
    [Theory]
    [InlineData(true, "\"true\"")]
    [InlineData(false, "\"false\"")]
    public void SystemWide_ExportOcciIscsi_FollowsTheSite(bool offered, string value) =>
        Assert.Equal(value, Capabilities.SystemWide(offered).Single(c => c.Key == "cdmi_export_occi_iscsi").Value);

    [Fact]
    public void Container_WithExports_ListsOcciExportAndAssignedSize()
    {
        var names = Capabilities.Container(true).Select(c => c.Key).ToList();

        Assert.Contains("cdmi_export_container_occi", names);
        Assert.Contains("cdmi_assignedsize", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Container_WithoutExports_ClaimsNeither()
    {
        var names = Capabilities.Container(false).Select(c => c.Key).ToList();

        Assert.DoesNotContain("cdmi_export_container_occi", names);
        Assert.DoesNotContain("cdmi_assignedsize", names);
        Assert.Contains("cdmi_list_children", names);
    }

    // §12.1: a capability object lists what really works, so each storage-system metadata item it
    // claims is one the objects of its kind carry, and the other way round.
    [Theory]
    [InlineData(ObjectKind.Container)]
    [InlineData(ObjectKind.DataObject)]
    [InlineData(ObjectKind.Queue)]
    public void ClaimedStorageMetadata_IsWhatObjectsCarry(ObjectKind kind)
    {
        string[] storageItems = ["cdmi_size", "cdmi_ctime", "cdmi_mtime", "cdmi_atime", "cdmi_owner", "cdmi_acl", "cdmi_hash"];
        var claimed = (kind switch
        {
            ObjectKind.Container => Capabilities.Container(false),
            ObjectKind.Queue => Capabilities.Queue,
            _ => Capabilities.DataObject,
        }).Select(c => c.Key).Where(storageItems.Contains).Order();
        var now = DateTimeOffset.UnixEpoch;

        // An object asking for its value to be hashed (§16.4): a data object then has a hash (§16.3).
        var obj = new StoredObject
        {
            Id = "x", Kind = kind, Path = "/x", ParentPath = "/", Owner = "alice", Created = now, Modified = now, Accessed = now,
            ValueHash = ValueHashSetting.Sha256, Hash = kind == ObjectKind.DataObject ? new string('0', 64) : "",
        };

        var carried = ObjectViews.Of(obj).Metadata.Select(m => m.Key).Where(storageItems.Contains).Order();

        Assert.Equal(claimed, carried);
    }

    // §12.1.3 (Table 102): cdmi_value_hash lists the hashes offered, and a system that hashes values claims data integrity.
    [Fact]
    public void ValueHash_ClaimedWithSha256_AndDataIntegritySystemWide()
    {
        Assert.Equal("[\"SHA256\"]", Capabilities.DataObject.Single(c => c.Key == "cdmi_value_hash").Value);
        Assert.Equal("[\"SHA256\"]", Capabilities.Container(false).Single(c => c.Key == "cdmi_value_hash").Value);
        Assert.Equal("\"true\"", Capabilities.SystemWide(false).Single(c => c.Key == "cdmi_security_data_integrity").Value);
        Assert.DoesNotContain(Capabilities.Queue, c => c.Key == "cdmi_value_hash");
    }
}
