using StandardsCloud.Cdmi.Wire;

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
}
